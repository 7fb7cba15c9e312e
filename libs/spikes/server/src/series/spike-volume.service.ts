import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SpikeSeriesCatalog, SpikeVolumeSeries } from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { SpikeDetector, type SpikeDetectorState } from '@vigie/spikes-core';
import { SpikeSeriesRepository } from './spike-series.repository';
import { stepMinutesFor, volumePoints, volumeRange } from './spike-volume';
import { SpikeVolumeRepository } from './spike-volume.repository';

/**
 * The mention-volume chart of the ops view (docs/spikes.md): a series' per-minute counts from the counting table,
 * and the baseline band from the detector state the scanner stored, over a bounded range. Reads only: nothing
 * here feeds the detector.
 */
@Injectable()
export class SpikeVolumeService {
  private readonly logger = new Logger('SpikeVolume');

  constructor(
    private readonly dataSource: DataSource,
    private readonly volume: SpikeVolumeRepository,
    private readonly series: SpikeSeriesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async catalog(): Promise<SpikeSeriesCatalog> {
    return { brands: await this.volume.catalog(this.dataSource.manager) };
  }

  async volumeOf(params: { brandId: string; topic: string; hours: number }): Promise<SpikeVolumeSeries> {
    const manager = this.dataSource.manager;
    const brandName = await this.volume.brandName(manager, params.brandId);
    if (brandName === null)
      throw new DomainError({
        code: 'not_found',
        message: 'Brand not found',
        details: { brandId: params.brandId },
      });
    const stepMinutes = stepMinutesFor(params.hours);
    const { fromMs, toMs } = volumeRange({
      nowMs: this.clock.now().getTime(),
      hours: params.hours,
      stepMinutes,
    });
    const from = new Date(fromMs);
    const to = new Date(toMs);
    const stored = await this.volume.series(manager, params);
    const detector = stored?.detectorState ? this.restore(stored.detectorState, params) : null;
    const [counts, alerts] = stored
      ? await Promise.all([
          this.series.bucketCounts(manager, { brandId: params.brandId, topic: params.topic, from, to }),
          this.volume.alerts(manager, { brandId: params.brandId, topic: params.topic, from, to }),
        ])
      : [new Map<number, number>(), []];
    return {
      brandId: params.brandId,
      brandName,
      topic: params.topic,
      from: from.toISOString(),
      to: to.toISOString(),
      stepMinutes,
      isWarmingUp: detector?.isWarmingUp() ?? true,
      readUntil: stored && detector ? stored.nextBucketAt.toISOString() : null,
      points: volumePoints({ counts, fromMs, toMs, stepMinutes, detector }),
      alerts,
    };
  }

  private restore(
    state: SpikeDetectorState,
    params: { brandId: string; topic: string },
  ): SpikeDetector | null {
    try {
      return SpikeDetector.restore({ state });
    } catch (error: unknown) {
      // A state saved with other windows (an upgrade): the scanner resets it at its next minute; no band till then.
      this.logger.warn({ err: error, ...params }, 'Spike detector state unreadable for the chart');
      return null;
    }
  }
}
