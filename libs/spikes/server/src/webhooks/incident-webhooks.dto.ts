import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  type CreateSpikeWebhookRequest,
  type SpikeWebhookEvent,
  spikeWebhookEvents,
  type UpdateSpikeWebhookRequest,
} from '@vigie/contracts';

const urlMessage = 'url must be an http(s) URL';
const eventsMessage = `events must be among: ${spikeWebhookEvents.join(', ')}`;
const secretMessage = 'secret must be 16 to 200 characters';

export class CreateSpikeWebhookDto implements CreateSpikeWebhookRequest {
  @ApiProperty({ example: 'ops-slack' })
  @IsString({ message: 'name must be a string' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,59}$/, { message: 'name must be 2-60 lower-case letters, digits or dashes' })
  name!: string;

  @ApiProperty({ example: 'https://hooks.example.com/vigie' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: urlMessage },
  )
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({ description: 'The signing secret; generated (and shown once) when omitted' })
  @IsOptional()
  @IsString({ message: secretMessage })
  @MinLength(16, { message: secretMessage })
  @MaxLength(200, { message: secretMessage })
  secret?: string;

  @ApiPropertyOptional({ enum: spikeWebhookEvents, isArray: true, description: 'Default: every event' })
  @IsOptional()
  @IsArray({ message: eventsMessage })
  @ArrayMinSize(1, { message: 'events must name at least one event (omit it for all)' })
  @IsIn(spikeWebhookEvents, { each: true, message: eventsMessage })
  events?: SpikeWebhookEvent[];
}

export class UpdateSpikeWebhookDto implements UpdateSpikeWebhookRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: urlMessage },
  )
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: 'A new signing secret (the old one stops working at once)' })
  @IsOptional()
  @IsString({ message: secretMessage })
  @MinLength(16, { message: secretMessage })
  @MaxLength(200, { message: secretMessage })
  secret?: string;

  @ApiPropertyOptional({ enum: spikeWebhookEvents, isArray: true })
  @IsOptional()
  @IsArray({ message: eventsMessage })
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @IsIn(spikeWebhookEvents, { each: true, message: eventsMessage })
  events?: SpikeWebhookEvent[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'isActive must be a boolean' })
  isActive?: boolean;
}
