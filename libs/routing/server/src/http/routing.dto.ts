import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { RoutingAgentStatus } from '@vigie/contracts';
import type { TeamRoutingPolicy } from '@vigie/routing-core';

export class TransferDto {
  @ApiPropertyOptional({ description: 'Give it to this agent (or set teamId instead)' })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @ApiPropertyOptional({ description: "Put it back in this team's queue (or set agentId instead)" })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

export class BulkReassignDto {
  @ApiProperty({ type: [String], maxItems: 500 })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  conversationIds!: string[];

  @ApiProperty()
  @IsUUID()
  targetAgentId!: string;
}

export class AgentStatusDto {
  @ApiProperty({ enum: ['online', 'away', 'offline'] })
  @IsIn(['online', 'away', 'offline'])
  status!: RoutingAgentStatus;
}

export class AgentCapacityDto {
  @ApiProperty({ minimum: 0, maximum: 1000 })
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity!: number;
}

export class BrandPolicyDto {
  @ApiProperty({ enum: ['round_robin', 'least_loaded'] })
  @IsIn(['round_robin', 'least_loaded'])
  policy!: TeamRoutingPolicy;
}

export class AssignmentLogQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  conversationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
