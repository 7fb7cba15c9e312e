import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SlaPolicyBody, SlaPolicyView } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { SlaPoliciesService } from './sla-policies.service';
import { ImportIcalHolidaysDto } from './import-ical-holidays.dto';

@ApiTags('sla')
@Controller('brands/:brandId/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Roles('admin', 'supervisor', 'ops')
  @Get()
  list(@Param('brandId', new ParseUUIDPipe()) brandId: string): Promise<SlaPolicyView[]> {
    return this.policies.list(brandId);
  }

  /** The body is validated by the SLA rules themselves (a bad calendar is a 400 naming the field). */
  @Roles('admin')
  @Put(':name')
  put(
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Param('name') name: string,
    @Body() body: SlaPolicyBody,
  ): Promise<SlaPolicyView> {
    return this.policies.put({ brandId, name, body });
  }

  /** Holidays from an iCalendar file (its text): all-day events become closed dates of the policy's calendar. */
  @Roles('admin')
  @Post(':name/holidays/ical')
  @HttpCode(200)
  importHolidays(
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Param('name') name: string,
    @Body() body: ImportIcalHolidaysDto,
  ): Promise<SlaPolicyView> {
    return this.policies.importHolidays({ brandId, name, ics: body.ics });
  }

  @Roles('admin')
  @Delete(':name')
  @HttpCode(204)
  async remove(
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Param('name') name: string,
  ): Promise<void> {
    await this.policies.remove({ brandId, name });
  }
}
