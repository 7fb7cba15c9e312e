import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  type ChannelName,
  channelNames,
  type InboxView,
  inboxViews,
  type MessageIntent,
  messageIntents,
  type RoutingPriority,
  routingPriorities,
} from '@vigie/contracts';

const trimmedLowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** `GET /api/inbox/conversations`: a view, its filters (AND), a page. */
export class InboxPageQueryDto {
  @ApiProperty({ enum: inboxViews })
  @IsIn(inboxViews, { message: `view must be one of: ${inboxViews.join(', ')}` })
  view!: InboxView;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (same view and sort)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ enum: channelNames })
  @IsOptional()
  @IsIn(channelNames, { message: `channel must be one of: ${channelNames.join(', ')}` })
  channel?: ChannelName;

  @ApiPropertyOptional({ example: 'fr', description: 'A customer message in this language' })
  @IsOptional()
  @Transform(trimmedLowerCase)
  @Matches(/^[a-z]{2}$/, { message: 'language must be two letters, such as fr or en' })
  language?: string;

  @ApiPropertyOptional({ enum: messageIntents, description: 'A customer message triage read so' })
  @IsOptional()
  @IsIn(messageIntents, { message: `intent must be one of: ${messageIntents.join(', ')}` })
  intent?: MessageIntent;

  @ApiPropertyOptional({ enum: routingPriorities })
  @IsOptional()
  @IsIn(routingPriorities, { message: `priority must be one of: ${routingPriorities.join(', ')}` })
  priority?: RoutingPriority;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmedLowerCase)
  @IsString()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({
    description:
      'Words looked for, as prefixes, accents and case ignored, in messages and the customer name or handle',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** `GET /api/inbox/volume`: an hour-by-hour range, at most 31 days. */
export class InboxVolumeQueryDto {
  @ApiPropertyOptional({ description: 'Start of the range (ISO 8601); default 24 hours before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or instant' })
  from?: string;

  @ApiPropertyOptional({ description: 'End of the range, exclusive (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or instant' })
  to?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'Zone whose hours the counts fall in' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;
}
