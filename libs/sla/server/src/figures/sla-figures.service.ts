import { Inject, Injectable } from '@nestjs/common';
import type { SlaFigureGroup, SlaFigures } from '@vigie/contracts';
import { CLOCK, type Clock } from '@vigie/kernel';
import { reportingRange } from '@vigie/server';
import { SlaFiguresRepository } from './sla-figures.repository';

const maxRangeDays = 366;

/** First-response figures for the supervisor board and reports (the work is SQL, see the repository). */
@Injectable()
export class SlaFiguresService {
  constructor(
    private readonly figures: SlaFiguresRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async firstResponses(params: {
    from?: string;
    to?: string;
    groupBy?: SlaFigureGroup;
    timezone?: string;
    teamId?: string;
    agentId?: string;
  }): Promise<SlaFigures> {
    const { from, to, timezone } = reportingRange({
      ...params,
      now: this.clock.now(),
      defaultDays: 30,
      maxDays: maxRangeDays,
    });
    const groupBy = params.groupBy ?? 'day';
    const teamId = params.teamId ?? null;
    const agentId = params.agentId ?? null;
    const rows = await this.figures.firstResponseFigures({ from, to, groupBy, timezone, teamId, agentId });
    return { from: from.toISOString(), to: to.toISOString(), groupBy, timezone, teamId, agentId, rows };
  }
}
