import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SpikeDetectorFigures } from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { brandFigures } from './detector-figures';
import { DetectorFiguresRepository } from './detector-figures.repository';

const dayMs = 86_400_000;

/**
 * How the detector did, per brand and series (docs/spikes.md): its alerts over the last days, how many were real
 * incidents, false alarms or duplicates merged by ops, and its precision. The replay benchmark
 * (`npm run bench:spikes`) measures the detector itself; these are its figures in production, judged by ops.
 */
@Injectable()
export class DetectorFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly figures: DetectorFiguresRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(params: { brandId: string | null; days: number }): Promise<SpikeDetectorFigures> {
    const manager = this.dataSource.manager;
    const to = this.clock.now();
    const from = new Date(to.getTime() - params.days * dayMs);
    let brands = brandFigures(await this.figures.alertCounts(manager, { from, to, brandId: params.brandId }));
    if (params.brandId && brands.length === 0) {
      const brandName = await this.figures.brandName(manager, params.brandId);
      if (brandName === null)
        throw new DomainError({
          code: 'not_found',
          message: 'Brand not found',
          details: { brandId: params.brandId },
        });
      brands = [
        {
          brandId: params.brandId,
          brandName,
          alerts: 0,
          incidents: 0,
          falseAlarms: 0,
          merged: 0,
          precision: null,
          topics: [],
        },
      ];
    }
    return { from: from.toISOString(), to: to.toISOString(), brands };
  }
}
