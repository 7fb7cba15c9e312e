import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

// Lengths here only bound what is read; the precise rules (title 1-120, body 1-10,000, known variables, shortcut
// pattern, two-letter language) are the domain's (`normalizeCannedAnswer` in @vigie/canned-core), one message each.

export class CreateCannedAnswerDto {
  @ApiProperty()
  @IsUUID()
  brandId!: string;

  @ApiProperty({ example: 'fr' })
  @IsString()
  @MaxLength(10)
  language!: string;

  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MaxLength(500)
  title!: string;

  @ApiProperty({
    description:
      'Text with {{customer.name}}, {{customer.handle}}, {{agent.name}}, {{brand.name}}, {{next_opening}}',
  })
  @IsString()
  @MaxLength(20_000)
  body!: string;

  @ApiPropertyOptional({ nullable: true, example: 'panne' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  shortcut?: string | null;
}

export class UpdateCannedAnswerDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10)
  language?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  body?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null removes the shortcut' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  shortcut?: string | null;
}

export class ListCannedAnswersQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ example: 'fr' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  language?: string;

  @ApiPropertyOptional({ description: 'Text in the title, shortcut or body (accents and case ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Supervisors and admins: deleted answers too' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeDeleted?: boolean;
}

export class ConversationCannedAnswersQueryDto {
  @ApiPropertyOptional({
    enum: ['fr', 'en'],
    description: 'The console language: formats {{next_opening}} for answers in other languages',
  })
  @IsOptional()
  @IsIn(['fr', 'en'])
  locale?: 'fr' | 'en';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
