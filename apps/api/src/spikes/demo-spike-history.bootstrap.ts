import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { demoXAccount } from '@vigie/ingestion-server';
import { APP_CONFIG, type AppConfig } from '@vigie/server';
import { DemoSpikeHistory } from '@vigie/spikes-server';

/**
 * Demo mode with `VIGIE_DEMO_SPIKE_HISTORY_HOURS`: lays the demo feed's simulated past for the demo brand's
 * spike series (ADR 0407). The ingestion's demo bootstrap creates the brand first: `SpikesCompositionModule`
 * imports `IngestionModule`, and Nest runs the hooks of imported modules before the importer's.
 */
@Injectable()
export class DemoSpikeHistoryBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly history: DemoSpikeHistory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { isEnabled, spikeHistoryHours } = this.config.demo;
    if (!isEnabled || spikeHistoryHours === 0) return;
    await this.history.lay({ brandName: demoXAccount.brandName, hours: spikeHistoryHours });
  }
}
