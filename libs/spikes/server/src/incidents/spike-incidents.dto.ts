import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type {
  CreateSpikeBulkAnswerRequest,
  MergeSpikeIncidentRequest,
  SpikeBulkAnswerTexts,
  SpikeIncidentStatus,
  SplitSpikeIncidentRequest,
} from '@vigie/contracts';

/** Most conversations one split may move (a request, not a batch job). */
export const maxSplitConversations = 500;

const statuses: readonly SpikeIncidentStatus[] = ['open', 'closed'];

class LimitQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ListSpikeIncidentsQuery extends LimitQuery {
  @ApiPropertyOptional({ enum: statuses })
  @IsOptional()
  @IsIn(statuses, { message: `status must be one of: ${statuses.join(', ')}` })
  status?: SpikeIncidentStatus;
}

export class LinkedConversationsQuery extends LimitQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be an integer' })
  @Min(0)
  offset?: number;
}

export class BulkAnswerTextsDto implements SpikeBulkAnswerTexts {
  @ApiPropertyOptional({ description: 'French variant' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  fr?: string;

  @ApiPropertyOptional({ description: 'English variant' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  en?: string;
}

export class CreateBulkAnswerDto implements CreateSpikeBulkAnswerRequest {
  @ApiProperty({
    type: BulkAnswerTextsDto,
    description:
      'At least one; each checked as X counts a post (280). A conversation gets its language’s text, else the brand’s default language’s',
  })
  @IsDefined({ message: 'texts is required' })
  @ValidateNested()
  @Type(() => BulkAnswerTextsDto)
  texts!: BulkAnswerTextsDto;

  @ApiProperty({ description: 'One per send, chosen by the console: a retried request never sends twice' })
  @Matches(/^[A-Za-z0-9_:.-]{8,100}$/, {
    message: 'requestKey must be 8 to 100 letters, digits or _:.- (a UUID works)',
  })
  requestKey!: string;

  @ApiPropertyOptional({ description: 'Conversations linked later get it too while the incident is open' })
  @IsOptional()
  @IsBoolean()
  isForNewcomers?: boolean;
}

export class LinkConversationDto {
  @ApiProperty({ description: 'A conversation of the incident’s brand' })
  @IsUUID('all', { message: 'conversationId must be a UUID' })
  conversationId!: string;
}

export class MergeIncidentDto implements MergeSpikeIncidentRequest {
  @ApiProperty({ description: 'The incident merged into this one (it closes as merged)' })
  @IsUUID('all', { message: 'incidentId must be a UUID' })
  incidentId!: string;
}

export class SplitIncidentDto implements SplitSpikeIncidentRequest {
  @ApiProperty({
    description: 'Linked conversations that move to the new incident',
    maxItems: maxSplitConversations,
  })
  @IsArray({ message: 'conversationIds must be an array of conversation ids' })
  @ArrayMinSize(1, { message: 'conversationIds must name at least one conversation' })
  @ArrayMaxSize(maxSplitConversations, {
    message: `conversationIds must name at most ${maxSplitConversations} conversations`,
  })
  @IsUUID('all', { each: true, message: 'each of conversationIds must be a UUID' })
  conversationIds!: string[];
}
