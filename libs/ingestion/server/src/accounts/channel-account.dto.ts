import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import {
  type ConnectXAccountRequest,
  type CreateBrandRequest,
  type IngestionMode,
  ingestionModes,
} from '@vigie/contracts';

export class CreateBrandDto implements CreateBrandRequest {
  @ApiProperty({ example: 'Vigie Telecom' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'fr' })
  @Matches(/^[a-z]{2}$/, { message: 'defaultLanguage must be a two-letter code such as fr or en' })
  defaultLanguage!: string;
}

export class ConnectXAccountDto implements ConnectXAccountRequest {
  @ApiProperty()
  @IsUUID()
  brandId!: string;

  @ApiProperty({ enum: ingestionModes })
  @IsIn(ingestionModes, { message: `mode must be one of: ${ingestionModes.join(', ')}` })
  mode!: IngestionMode;

  @ApiProperty({ description: 'OAuth 2.0 user token, or the OAuth 1.0a access token' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  accessToken!: string;

  @ApiPropertyOptional({ description: 'OAuth 1.0a access token secret' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  accessSecret?: string;

  @ApiPropertyOptional({ description: 'The X app key (OAuth 1.0a)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  consumerKey?: string;

  @ApiPropertyOptional({ description: 'The X app secret: OAuth 1.0a and webhook signatures' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  consumerSecret?: string;

  @ApiPropertyOptional({ description: 'The X app bearer token: filtered stream and search' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  appBearerToken?: string;

  @ApiPropertyOptional({
    description: 'Another X API base URL (a fake X); refused in production unless allowed',
  })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  apiBaseUrl?: string;
}
