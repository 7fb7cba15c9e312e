import { Module } from '@nestjs/common';
import { IngestionModule } from '@vigie/ingestion-server';
import { SlaModule } from '@vigie/sla-server';
import { SpikesModule } from '@vigie/spikes-server';
import { DemoSpikeHistoryBootstrap } from './demo-spike-history.bootstrap';
import { SpikesSlaBridge } from './spikes-sla-bridge';

/**
 * The spikes domain's links to the SLA domain, and the demo's simulated spike history for the demo brand of the
 * ingestion domain, made where they are all visible: the composition root.
 */
@Module({
  imports: [SpikesModule, SlaModule, IngestionModule],
  providers: [SpikesSlaBridge, DemoSpikeHistoryBootstrap],
})
export class SpikesCompositionModule {}
