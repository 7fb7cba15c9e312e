import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ImportIcalHolidaysDto {
  @ApiProperty({ description: 'The text of an iCalendar (.ics) file of public holidays' })
  @IsString()
  @MinLength(1)
  @MaxLength(500_000, { message: 'ics must be at most 500,000 characters' })
  ics!: string;
}
