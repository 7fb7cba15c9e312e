import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { SlaFigureGroup } from '@vigie/contracts';

export const slaFigureGroups: readonly SlaFigureGroup[] = [
  'hour',
  'day',
  'agent',
  'team',
  'brand',
  'channel',
];

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

  @ApiPropertyOptional({ description: 'Only first responses given by members of this team' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;

  @ApiPropertyOptional({ description: 'Only first responses given by this agent' })
  @IsOptional()
  @IsUUID('all', { message: 'agentId must be a UUID' })
  agentId?: string;

  @ApiPropertyOptional({
    example: 'Europe/Paris',
    description: 'Zone of the hours and days when grouping by them',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;
}
