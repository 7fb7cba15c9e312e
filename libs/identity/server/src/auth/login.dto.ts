import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest } from '@vigie/contracts';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'camille@vigie.demo' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'vigie-demo-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}
