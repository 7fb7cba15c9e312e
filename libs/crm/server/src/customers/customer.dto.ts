import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

export class UpdateContactDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString({ message: 'displayName must be a string' })
  @MaxLength(200)
  displayName?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Link to a CRM account (null unlinks)' })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsUUID('all', { message: 'accountId must be an account id (uuid) or null' })
  accountId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject({ message: 'attributes must be an object of strings' })
  attributes?: Record<string, string>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true, message: 'tags must be strings' })
  @MaxLength(60, { each: true })
  tags?: string[];
}

export class AddNoteDto {
  @ApiProperty()
  @IsString({ message: 'body must be a string' })
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(5000, { message: 'body must be at most 5000 characters' })
  body!: string;
}

const linkableChannels = ['email', 'phone', 'crm'] as const;

export class LinkIdentityDto {
  @ApiProperty({ enum: linkableChannels })
  @IsIn(linkableChannels, { message: `channel must be one of: ${linkableChannels.join(', ')}` })
  channel!: (typeof linkableChannels)[number];

  @ApiProperty({ example: 'jane@example.com' })
  @IsString({ message: 'value must be a string' })
  @MinLength(3, { message: 'value must be at least 3 characters' })
  @MaxLength(254)
  value!: string;
}

export class MoveIdentityDto {
  @ApiProperty()
  @IsUUID('all', { message: 'contactId must be a contact id (uuid)' })
  contactId!: string;
}

export class MergeContactsDto {
  @ApiProperty({ description: 'The contact that stays' })
  @IsUUID('all', { message: 'survivorId must be a contact id (uuid)' })
  survivorId!: string;

  @ApiProperty({ description: 'The duplicate, which becomes an alias of the survivor' })
  @IsUUID('all', { message: 'mergedId must be a contact id (uuid)' })
  mergedId!: string;
}
