import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { SpikeDetectorFigures } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { DetectorFiguresService } from './detector-figures.service';

export class DetectorFiguresQuery {
  @ApiPropertyOptional({ description: 'One brand; default every brand' })
  @IsOptional()
  @IsUUID('all', { message: 'brandId must be a UUID' })
  brandId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1, { message: 'days must be between 1 and 366' })
  @Max(366, { message: 'days must be between 1 and 366' })
  days?: number;
}

/** The detector's figures (alerts, incidents, false alarms, precision) for the people who run operations. */
@ApiTags('spikes')
@Controller('spikes/figures')
export class DetectorFiguresController {
  constructor(private readonly figures: DetectorFiguresService) {}

  @Roles('ops', 'supervisor', 'admin')
  @Get()
  get(@Query() query: DetectorFiguresQuery): Promise<SpikeDetectorFigures> {
    return this.figures.get({ brandId: query.brandId ?? null, days: query.days ?? 30 });
  }
}
