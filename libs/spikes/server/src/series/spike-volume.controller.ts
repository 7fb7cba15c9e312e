import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import type { SpikeSeriesCatalog, SpikeVolumeSeries } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { SpikeVolumeService } from './spike-volume.service';

/** The counting table keeps 7 days (the scanner's catch-up horizon): the chart reads no further back. */
export const maximumVolumeHours = 168;

export class SpikeVolumeQuery {
  @ApiProperty({ description: 'The brand' })
  @IsUUID('all', { message: 'brandId must be a UUID' })
  brandId!: string;

  @ApiPropertyOptional({
    description: "A topic key (e.g. outage); '' or absent for the brand's whole volume",
  })
  @IsOptional()
  @Matches(/^[a-z0-9_-]{0,64}$/, { message: 'topic must be a topic key (a-z, 0-9, _ or -)' })
  topic?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: maximumVolumeHours, default: 6 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'hours must be a whole number' })
  @Min(1, { message: `hours must be between 1 and ${maximumVolumeHours}` })
  @Max(maximumVolumeHours, { message: `hours must be between 1 and ${maximumVolumeHours}` })
  hours?: number;
}

/** Mention volume per brand and topic, with the detector's baseline band, for the ops view's chart. */
@ApiTags('spikes')
@Controller('spikes/series')
export class SpikeVolumeController {
  constructor(private readonly volume: SpikeVolumeService) {}

  /** The brands that have counted mentions, with their series. */
  @Roles('ops', 'supervisor', 'admin')
  @Get()
  catalog(): Promise<SpikeSeriesCatalog> {
    return this.volume.catalog();
  }

  /** One series over the last hours: counts, baseline band and alerts. */
  @Roles('ops', 'supervisor', 'admin')
  @Get('volume')
  volumeOf(@Query() query: SpikeVolumeQuery): Promise<SpikeVolumeSeries> {
    return this.volume.volumeOf({
      brandId: query.brandId,
      topic: query.topic ?? '',
      hours: query.hours ?? 6,
    });
  }
}
