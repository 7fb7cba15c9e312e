import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SlaPolicyBody, SlaPolicyView } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { SlaPoliciesService } from './sla-policies.service';
import { ImportIcalHolidaysDto, ImportIcalHolidaysFromUrlDto } from './import-ical-holidays.dto';

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

  /**
   * Holidays from an iCalendar feed fetched from a URL (https; docs/adr/0108): all-day events become closed dates.
   * An unreachable, too slow, too large or non-calendar answer is a 400 saying which.
   */
  @Roles('admin')
  @Post(':name/holidays/ical-url')
  @HttpCode(200)
  importHolidaysFromUrl(
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Param('name') name: string,
    @Body() body: ImportIcalHolidaysFromUrlDto,
  ): Promise<SlaPolicyView> {
    return this.policies.importHolidaysFromUrl({ brandId, name, url: body.url });
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
