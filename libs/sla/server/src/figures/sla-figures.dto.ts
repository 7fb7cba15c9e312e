import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import type { SlaFigureGroup } from '@vigie/contracts';

export const slaFigureGroups: readonly SlaFigureGroup[] = ['day', 'agent', 'team', 'brand', 'channel'];

export class SlaFiguresQueryDto {
  @ApiPropertyOptional({ description: 'Start of the range (ISO 8601); default 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or instant' })
  from?: string;

  @ApiPropertyOptional({ description: 'End of the range, exclusive (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or instant' })
  to?: string;

  @ApiPropertyOptional({ enum: slaFigureGroups })
  @IsOptional()
  @IsIn(slaFigureGroups, { message: `groupBy must be one of: ${slaFigureGroups.join(', ')}` })
  groupBy?: SlaFigureGroup;

  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'Zone of the days when grouping by day' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;
}
