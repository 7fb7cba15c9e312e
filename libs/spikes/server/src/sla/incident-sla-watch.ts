import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { SpikeIncidentRepository } from '../incidents/spike-incident.repository';
import { SpikeIncidentViews } from '../incidents/spike-incident-views';
import { IncidentWebhookOutbox } from '../webhooks/incident-webhook-outbox';

/** Incidents whose warning or breach one check records at most (few are ever late at once; the next takes the rest). */
const checkBatchSize = 100;

/**
 * The incident's own SLA (docs/spikes.md, ADR 0405): its first public update is due some calendar minutes after
 * it opened. Each scanner run (every process, every 15 s) also looks for open incidents without an update that
 * reached half their time (warning) or their due time (breach), takes them with `FOR UPDATE SKIP LOCKED`, records
 * each once and tells the ops consoles (`incident.updated`, whose `sla` says warned or breached); a breach also
 * goes to the incident webhooks.
 */
@Injectable()
export class IncidentSlaWatch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: SpikeIncidentRepository,
    private readonly views: SpikeIncidentViews,
    private readonly webhooks: IncidentWebhookOutbox,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records the warnings and breaches due now; returns how many incidents changed. */
  async check(): Promise<number> {
    const now = this.clock.now();
    const views = await this.dataSource.transaction(async (manager) => {
      const due = await this.incidents.takeSlaDue(manager, { now, limit: checkBatchSize });
      for (const { id, isBreach } of due) {
        await this.incidents.markSlaAlert(manager, { id, isBreach, at: now });
        if (isBreach)
          await this.webhooks.enqueue(manager, { incidentId: id, type: 'incident.sla_breached', at: now });
      }
      return this.views.byIds(
        manager,
        due.map((entry) => entry.id),
      );
    });
    for (const incident of views) this.events.publish('incident.updated', { incident });
    return views.length;
  }
}
