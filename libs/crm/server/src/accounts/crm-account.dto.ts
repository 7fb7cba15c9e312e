import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { type CrmTier, crmTiers } from '@vigie/contracts';

export class CrmAccountDto {
  @ApiProperty({ example: 'Boulangerie Martin' })
  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ nullable: true, description: 'The Vigie user who owns the account' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerUserId must be a user id (uuid)' })
  ownerUserId?: string | null;

  @ApiPropertyOptional({ enum: crmTiers, nullable: true })
  @IsOptional()
  @IsIn(crmTiers, { message: `tier must be one of: ${crmTiers.join(', ')}` })
  tier?: CrmTier | null;

  @ApiPropertyOptional({ nullable: true, example: 12500.5 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'value must be a number with at most 2 decimals' })
  @Min(0, { message: 'value must not be negative' })
  @Max(999_999_999_999, { message: 'value is too large' })
  value?: number | null;

  @ApiPropertyOptional({ example: { segment: 'bakery' } })
  @IsOptional()
  @IsObject({ message: 'attributes must be an object of strings' })
  attributes?: Record<string, string>;

  @ApiPropertyOptional({ example: ['b2b'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true, message: 'tags must be strings' })
  @MaxLength(60, { each: true })
  tags?: string[];
}

export class ListAccountsQueryDto {
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
