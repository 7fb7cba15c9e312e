import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validate,
  ValidateNested,
  type ValidationError,
} from 'class-validator';
import {
  type CrmConnectorKind,
  crmConnectorKinds,
  type CrmTier,
  crmTiers,
  type CrmUpsertRequest,
  type CrmWebhookEvent,
  crmWebhookEvents,
} from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';

export class CreateConnectorDto {
  @ApiProperty({ example: 'hubspot-prod' })
  @IsString({ message: 'name must be a string' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,59}$/, { message: 'name must be 2-60 lower-case letters, digits or dashes' })
  name!: string;

  @ApiProperty({ enum: crmConnectorKinds })
  @IsIn(crmConnectorKinds, { message: `kind must be one of: ${crmConnectorKinds.join(', ')}` })
  kind!: CrmConnectorKind;

  @ApiPropertyOptional({ nullable: true, example: 'https://crm.example.com/hooks/vigie' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_tld: false },
    { message: 'outboundUrl must be an http(s) URL' },
  )
  outboundUrl?: string | null;

  @ApiPropertyOptional({ enum: crmWebhookEvents, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(crmWebhookEvents, { each: true, message: `events must be among: ${crmWebhookEvents.join(', ')}` })
  events?: CrmWebhookEvent[];
}

const externalIdRule = /^[\w.:@-]{1,120}$/;
const externalIdMessage = 'externalId must be 1-120 letters, digits or . : @ _ -';

export class UpsertAccountDto {
  @IsString()
  @Matches(externalIdRule, { message: externalIdMessage })
  externalId!: string;

  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsEmail({}, { message: 'ownerEmail must be an e-mail address' })
  ownerEmail?: string | null;

  @IsOptional()
  @IsIn(crmTiers, { message: `tier must be one of: ${crmTiers.join(', ')}` })
  tier?: CrmTier | null;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'value must be a number with at most 2 decimals' })
  @Min(0)
  @Max(999_999_999_999)
  value?: number | null;

  @IsOptional()
  @IsObject()
  attributes?: Record<string, string>;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  tags?: string[];
}

export class UpsertContactDto {
  @IsString()
  @Matches(externalIdRule, { message: externalIdMessage })
  externalId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string | null;

  @IsOptional()
  @Matches(externalIdRule, { message: `accountExternalId: ${externalIdMessage}` })
  accountExternalId?: string | null;

  @IsOptional()
  @Matches(/^\d{1,25}$/, { message: 'xUserId must be the numeric X user id' })
  xUserId?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true, message: 'emails must be e-mail addresses' })
  emails?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^\+?[\d\s().-]{6,20}$/, { each: true, message: 'phones must be phone numbers' })
  phones?: string[];

  @IsOptional()
  @IsObject()
  attributes?: Record<string, string>;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  tags?: string[];
}

export class CrmUpsertDto implements CrmUpsertRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000, { message: 'at most 1000 accounts per request' })
  @ValidateNested({ each: true })
  @Type(() => UpsertAccountDto)
  accounts?: UpsertAccountDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000, { message: 'at most 1000 contacts per request' })
  @ValidateNested({ each: true })
  @Type(() => UpsertContactDto)
  contacts?: UpsertContactDto[];
}

function messages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    return [
      ...Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`),
      ...messages(error.children ?? [], path),
    ];
  });
}

/** Validates a signed webhook body (parsed by hand: the route keeps raw bytes for the signature). */
export async function parseUpsertBody(rawBody: Buffer): Promise<CrmUpsertRequest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new DomainError({ code: 'invalid', message: 'The body is not valid JSON.' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DomainError({
      code: 'invalid',
      message: 'The body must be a JSON object with accounts and/or contacts.',
    });
  }
  const dto = plainToInstance(CrmUpsertDto, parsed);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const details = messages(errors);
    throw new DomainError({
      code: 'invalid',
      message: `Invalid upsert: ${details.join('; ')}`,
      details: { details },
    });
  }
  return dto;
}
