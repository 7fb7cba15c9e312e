import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SlaFigures } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { SlaFiguresQueryDto } from './sla-figures.dto';
import { SlaFiguresService } from './sla-figures.service';

@ApiTags('sla')
@Controller('sla/figures')
export class SlaFiguresController {
  constructor(private readonly figures: SlaFiguresService) {}

  /** Answered within the one-hour promise, SLA compliance and first-response p50/p90, in both clocks. */
  @Roles('supervisor', 'admin', 'ops')
  @Get()
  get(@Query() query: SlaFiguresQueryDto): Promise<SlaFigures> {
    return this.figures.firstResponses(query);
  }
}
