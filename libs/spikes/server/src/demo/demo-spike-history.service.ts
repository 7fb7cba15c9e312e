import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@vigie/kernel';
import { SpikeDetector, type SpikeDetectorState } from '@vigie/spikes-core';
import { SpikeSeriesRepository } from '../series/spike-series.repository';
import { demoFeed, demoSpikeHistory } from './demo-spike-history';

const MINUTE_MS = 60_000;
/** A shorter stop (a restart) is left as it is: a few quiet minutes are ordinary. */
const minimumGapMinutes = 10;

export type DemoSpikeHistoryOutcome = { topic: string; laidFrom: string; bucketCount: number };

/**
 * Demo only (ADR 0407): the detector needs a day of history before it may alert, and the demo database starts
 * empty. This lays the demo feed's ordinary volume (`demoSpikeHistory`) in the counting table for the demo
 * brand's series, so the outage scenario opens an incident within minutes of its burst:
 *
 * - a young series (less than the detector's warm-up read) gets `hours` of history before now and its detector
 *   starts again from there (the scanner replays the history and the real minutes since, which are kept);
 * - a grown series the scanner stopped reading more than 10 minutes ago (the demo was stopped) gets the missing
 *   minutes, at most `hours`, so it neither reads a silence nor alerts when the feed comes back.
 *
 * Real counts are never overwritten, and the series row is locked while it is laid (the scanner skips it).
 */
@Injectable()
export class DemoSpikeHistory {
  private readonly logger = new Logger('DemoSpikeHistory');

  constructor(
    private readonly dataSource: DataSource,
    private readonly series: SpikeSeriesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async lay(params: { brandName: string; hours: number }): Promise<DemoSpikeHistoryOutcome[]> {
    const brandId = await this.series.brandIdNamed(this.dataSource.manager, params.brandName);
    if (!brandId) return [];
    const nowMinuteMs = Math.floor(this.clock.now().getTime() / MINUTE_MS) * MINUTE_MS;
    const fromMs = nowMinuteMs - params.hours * 60 * MINUTE_MS;
    const outcomes: DemoSpikeHistoryOutcome[] = [];
    for (const topic of Object.keys(demoFeed.topicShares)) {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const stored = await this.series.lockOrCreate(manager, {
          brandId,
          topic,
          nextBucketAt: new Date(fromMs),
        });
        const isYoung = !stored.detectorState || isWarmingUp(stored.detectorState);
        const startMs = isYoung ? fromMs : Math.max(stored.nextBucketAt.getTime(), fromMs);
        if (!isYoung && nowMinuteMs - startMs < minimumGapMinutes * MINUTE_MS) return null;
        const buckets = demoSpikeHistory({ fromMs: startMs, toMs: nowMinuteMs, topic });
        const laid = await this.series.layBuckets(manager, { brandId, topic, buckets });
        // Laid already (a second start before the scanner read it, or another process): nothing to redo.
        if (laid === 0) return null;
        await this.series.moveStart(manager, {
          brandId,
          topic,
          nextBucketAt: new Date(startMs),
          isDetectorReset: isYoung,
        });
        return { topic, laidFrom: new Date(startMs).toISOString(), bucketCount: laid };
      });
      if (outcome) outcomes.push(outcome);
    }
    if (outcomes.length > 0) this.logger.log({ brandId, outcomes }, 'Demo spike history laid');
    return outcomes;
  }
}

function isWarmingUp(state: SpikeDetectorState): boolean {
  try {
    return SpikeDetector.restore({ state }).isWarmingUp();
  } catch {
    // Saved by a detector with other windows: the scanner starts it again anyway.
    return true;
  }
}
