import { Inject, Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import type { SlaFigureGroup, SlaFigures } from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { SlaFiguresRepository } from './sla-figures.repository';

const dayMs = 86_400_000;
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
    const to = params.to ? new Date(params.to) : this.clock.now();
    const from = params.from ? new Date(params.from) : new Date(to.getTime() - 30 * dayMs);
    const timezone = params.timezone ?? 'Europe/Paris';
    const groupBy = params.groupBy ?? 'day';
    if (!IANAZone.isValidZone(timezone))
      throw new DomainError({
        code: 'invalid',
        message: `timezone must be an IANA zone such as Europe/Paris, got "${timezone}"`,
      });
    if (from >= to) throw new DomainError({ code: 'invalid', message: 'from must be before to' });
    if (to.getTime() - from.getTime() > maxRangeDays * dayMs)
      throw new DomainError({ code: 'invalid', message: `the range must be at most ${maxRangeDays} days` });
    const teamId = params.teamId ?? null;
    const agentId = params.agentId ?? null;
    const rows = await this.figures.firstResponseFigures({ from, to, groupBy, timezone, teamId, agentId });
    return { from: from.toISOString(), to: to.toISOString(), groupBy, timezone, teamId, agentId, rows };
  }
}
