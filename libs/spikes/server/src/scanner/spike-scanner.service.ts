import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SpikeIncidentSeverity } from '@vigie/contracts';
import { CLOCK, type Clock } from '@vigie/kernel';
import { DomainEventBus, PeriodicJob } from '@vigie/server';
import { SpikeDetector } from '@vigie/spikes-core';
import { SpikeIncidentRepository } from '../incidents/spike-incident.repository';
import { IncidentTracker, type TouchedIncident } from './incident-tracker';
import { SpikeIncidentTexts } from '../incidents/spike-incident-texts';
import { IncidentLinkRepository } from '../incidents/incident-link.repository';
import { SpikeIncidentViews } from '../incidents/spike-incident-views';
import { SpikeSeriesRepository, type StoredSpikeSeries } from '../series/spike-series.repository';
import { IncidentSlaWatch } from '../sla/incident-sla-watch';
import { IncidentWebhookOutbox } from '../webhooks/incident-webhook-outbox';

export type SpikeScannerOptions = {
  /** How often each process looks for series with new closed minutes. */
  intervalMs: number;
  /** A minute is read this long after it closed, so posts still in flight are counted first. */
  settleSeconds: number;
  /** Zone of the hour-of-day and day-of-week profiles of new series. */
  timeZone: string;
  /** Series per transaction. */
  batchSize: number;
  /**
   * After a long stop, older minutes are skipped (the detector keeps its baseline across the gap); buckets
   * older than this are deleted.
   */
  maximumCatchUpMinutes: number;
};
export const SPIKE_SCANNER_OPTIONS = Symbol('SPIKE_SCANNER_OPTIONS');
export const defaultSpikeScannerOptions: SpikeScannerOptions = {
  intervalMs: 15_000,
  settleSeconds: 60,
  timeZone: 'Europe/Paris',
  batchSize: 50,
  maximumCatchUpMinutes: 7 * 1440,
};

const MINUTE_MS = 60_000;
const BUCKET_SECONDS = 60;

type IncidentChange = { id: string; name: 'incident.opened' | 'incident.updated' | 'incident.closed' };

/**
 * Runs the spike detector of every brand and topic series over the minutes that closed since it last ran
 * (docs/spikes.md). The detector's state is stored with the series in the same transaction as the incidents
 * it opens or closes, and series rows are taken with `FOR UPDATE SKIP LOCKED`: each minute is seen exactly
 * once however many processes run, and a restart continues where the last commit stopped.
 */
@Injectable()
export class SpikeScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SpikeScanner');
  private readonly job: PeriodicJob<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly series: SpikeSeriesRepository,
    private readonly incidents: SpikeIncidentRepository,
    private readonly texts: SpikeIncidentTexts,
    private readonly links: IncidentLinkRepository,
    private readonly views: SpikeIncidentViews,
    private readonly webhooks: IncidentWebhookOutbox,
    private readonly slaWatch: IncidentSlaWatch,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SPIKE_SCANNER_OPTIONS) private readonly options: SpikeScannerOptions,
  ) {
    this.job = new PeriodicJob({
      name: 'SpikeScanner',
      intervalMs: options.intervalMs,
      // The incidents' own SLA is checked on the same beat (its targets are tens of minutes).
      work: async () => {
        const advanced = await this.drain();
        await this.slaWatch.check();
        return advanced;
      },
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /**
   * Feeds every series the minutes that closed by now; returns how many series advanced. A call made while a
   * run is under way waits for it and then runs again, so it always sees the minutes closed when it was made.
   */
  tick(): Promise<number> {
    return this.job.run();
  }

  private async drain(): Promise<number> {
    let advanced = 0;
    for (;;) {
      const now = this.clock.now();
      const readyBefore = new Date(
        Math.floor((now.getTime() - this.options.settleSeconds * 1000) / MINUTE_MS) * MINUTE_MS,
      );
      let taken = 0;
      const changed = await this.dataSource.transaction(async (manager) => {
        const due = await this.series.takeDue(manager, { readyBefore, limit: this.options.batchSize });
        taken = due.length;
        const changes: IncidentChange[] = [];
        for (const series of due)
          changes.push(...(await this.advance(manager, { series, readyBefore, now })));
        const views = await this.views.byIds(manager, [...new Set(changes.map((change) => change.id))]);
        const byId = new Map(views.map((view) => [view.id, view]));
        return changes.flatMap((change) => {
          const incident = byId.get(change.id);
          return incident ? [{ name: change.name, incident }] : [];
        });
      });
      for (const { name, incident } of changed) this.events.publish(name, { incident });
      advanced += taken;
      if (taken < this.options.batchSize) return advanced;
    }
  }

  private async advance(
    manager: EntityManager,
    params: { series: StoredSpikeSeries; readyBefore: Date; now: Date },
  ): Promise<IncidentChange[]> {
    const { series, readyBefore, now } = params;
    const earliestMs = readyBefore.getTime() - this.options.maximumCatchUpMinutes * MINUTE_MS;
    const fromMs = Math.max(series.nextBucketAt.getTime(), earliestMs);
    const detector = this.detectorFor(series);
    const counts = await this.series.bucketCounts(manager, {
      brandId: series.brandId,
      topic: series.topic,
      from: new Date(fromMs),
      to: readyBefore,
    });
    const open = await this.incidents.findOpen(manager, series);
    // Read before the tracker raises it in place.
    const previousSeverity = open?.severity ?? null;
    const tracker = new IncidentTracker(open);
    for (let bucketMs = fromMs; bucketMs < readyBefore.getTime(); bucketMs += MINUTE_MS)
      tracker.observe(
        series,
        detector.observe({ bucketStartMs: bucketMs, count: counts.get(bucketMs) ?? 0 }),
      );
    // Minutes older than the catch-up horizon are never read again: the table stays bounded per series.
    await this.series.pruneBuckets(manager, {
      brandId: series.brandId,
      topic: series.topic,
      before: new Date(earliestMs),
    });
    await this.series.saveProgress(manager, {
      brandId: series.brandId,
      topic: series.topic,
      detectorState: detector.toState(),
      nextBucketAt: readyBefore,
      now,
    });
    return this.store(manager, { touched: tracker.touched, previousSeverity, now });
  }

  private detectorFor(series: StoredSpikeSeries): SpikeDetector {
    if (series.detectorState) {
      try {
        return SpikeDetector.restore({ state: series.detectorState });
      } catch (error: unknown) {
        // Saved by a detector with other windows (an upgrade): start again rather than stop counting.
        this.logger.warn(
          { err: error, brandId: series.brandId, topic: series.topic },
          'Spike detector reset',
        );
      }
    }
    return SpikeDetector.create({
      setup: { bucketSeconds: BUCKET_SECONDS, timeZone: this.options.timeZone },
    });
  }

  /**
   * Writes the incidents the run touched and queues their webhooks in the same transaction: opened, a higher
   * severity than the stored one (`previousSeverity`), closed by calm.
   */
  private async store(
    manager: EntityManager,
    params: {
      touched: readonly TouchedIncident[];
      previousSeverity: SpikeIncidentSeverity | null;
      now: Date;
    },
  ): Promise<IncidentChange[]> {
    const changes: IncidentChange[] = [];
    for (const { incident, isNew } of params.touched) {
      let id = incident.id;
      if (isNew) {
        const { conversationIds, ...texts } = await this.texts.describe(manager, {
          brandId: incident.brandId,
          topic: incident.topic,
          startedAt: new Date(incident.startedAt),
          until: params.now,
        });
        id = await this.incidents.insert(manager, { ...incident, ...texts }, params.now);
        // The burst's conversations so far; later ones are linked by IncidentLinkParticipant as they come.
        if (incident.status === 'open')
          await this.links.link(manager, { incidentId: id, conversationIds, at: params.now });
        changes.push({ id, name: 'incident.opened' });
        await this.webhooks.enqueue(manager, { incidentId: id, type: 'incident.opened', at: params.now });
      } else {
        await this.incidents.update(manager, incident, params.now);
        if (incident.severity !== params.previousSeverity)
          await this.webhooks.enqueue(manager, {
            incidentId: id,
            type: 'incident.severity_changed',
            at: params.now,
          });
      }
      changes.push({ id, name: incident.status === 'closed' ? 'incident.closed' : 'incident.updated' });
      if (incident.status === 'closed')
        await this.webhooks.enqueue(manager, { incidentId: id, type: 'incident.closed', at: params.now });
    }
    // An incident opened and closed within one run is announced as opened, then closed.
    return changes.filter(
      (change, index) => !(change.name === 'incident.updated' && changes[index - 1]?.id === change.id),
    );
  }
}
