import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  type CreateTeamRequest,
  type CreateUserRequest,
  type Role,
  roles,
  type UpdateUserRequest,
} from '@vigie/contracts';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'camille@brand.fr' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Camille Martin' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: roles })
  @IsIn(roles, { message: `role must be one of: ${roles.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ example: ['fr', 'en'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2}$/, { each: true, message: 'languages must be two-letter codes such as fr or en' })
  languages?: string[];

  @ApiPropertyOptional({ example: ['billing', 'network'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  skills?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true, message: 'teamIds must be team ids' })
  teamIds?: string[];
}

export class UpdateUserDto
  extends PartialType(OmitType(CreateUserDto, ['email'] as const))
  implements UpdateUserRequest
{
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class CreateTeamDto implements CreateTeamRequest {
  @ApiProperty({ example: 'Care FR' })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name!: string;
}
