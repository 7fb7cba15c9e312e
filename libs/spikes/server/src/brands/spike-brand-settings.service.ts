import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SpikeBrandSettings } from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { defaultFirstUpdateMinutes } from '../incidents/spike-incident.repository';
import { SpikeBrandSettingRepository } from './spike-brand-setting.repository';

/**
 * A brand's incident settings (docs/spikes.md): how long after an incident opens its first public update is
 * due. Read by the scanner in SQL as it opens an incident, so a change applies to the next incidents.
 */
@Injectable()
export class SpikeBrandSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SpikeBrandSettingRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(brandId: string): Promise<SpikeBrandSettings> {
    const minutes = await this.settings.firstUpdateMinutes(this.dataSource.manager, brandId);
    if (minutes === undefined)
      throw new DomainError({ code: 'not_found', message: 'Brand not found', details: { brandId } });
    return { brandId, firstUpdateMinutes: minutes ?? defaultFirstUpdateMinutes, isDefault: minutes === null };
  }

  async update(params: {
    brandId: string;
    firstUpdateMinutes: number;
    userId: string;
  }): Promise<SpikeBrandSettings> {
    await this.get(params.brandId);
    await this.settings.save(this.dataSource.manager, { ...params, at: this.clock.now() });
    return this.get(params.brandId);
  }
}
