import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ImportIcalHolidaysDto {
  @ApiProperty({ description: 'The text of an iCalendar (.ics) file of public holidays' })
  @IsString()
  @MinLength(1)
  @MaxLength(500_000, { message: 'ics must be at most 500,000 characters' })
  ics!: string;
}

export class ImportIcalHolidaysFromUrlDto {
  @ApiProperty({
    description:
      'An https URL of an iCalendar (.ics) feed of public holidays; plain http only to a loopback address outside production',
    example: 'https://calendar.example.org/fr-public-holidays.ics',
  })
  @IsString({ message: 'url must be a text' })
  @MinLength(1, { message: 'url must not be empty' })
  @MaxLength(2000, { message: 'url must be at most 2,000 characters' })
  url!: string;
}
