import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SlaFigureGroup, SlaFigureRow } from '@vigie/contracts';

/** The grouping key of each figure, as SQL over `sla_clock s` (and `team_member tm` for teams). */
const groupKeys: Record<SlaFigureGroup, string> = {
  hour: `to_char(s.started_at AT TIME ZONE $3, 'YYYY-MM-DD"T"HH24:00')`,
  day: `to_char(s.started_at AT TIME ZONE $3, 'YYYY-MM-DD')`,
  agent: `s.responder_user_id::text`,
  team: `tm.team_id::text`,
  brand: `s.brand_id::text`,
  channel: `s.channel`,
};

type RawFigure = {
  key: string | null;
  conversations: number;
  answered_within_promise: number | null;
  compliance: number | null;
  customer_p50: number | null;
  customer_p90: number | null;
  contract_p50: number | null;
  contract_p90: number | null;
};

const share = (clock: 'customer' | 'contract') =>
  `(count(*) FILTER (WHERE s.clock = '${clock}' AND s.status = 'fulfilled' AND s.elapsed_ms <= s.target_ms))::float8
     / NULLIF(count(*) FILTER (WHERE s.clock = '${clock}' AND (s.status = 'fulfilled' OR s.breached_at IS NOT NULL)), 0)`;

const percentile = (clock: 'customer' | 'contract', fraction: number) =>
  `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY s.elapsed_ms)
     FILTER (WHERE s.clock = '${clock}' AND s.status = 'fulfilled')`;

/**
 * First-response figures in SQL, in both clocks, over conversations whose first clock started in the range;
 * filtered by the responder (an agent, or a member of a team) when asked.
 */
@Injectable()
export class SlaFiguresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async firstResponseFigures(params: {
    from: Date;
    to: Date;
    groupBy: SlaFigureGroup;
    timezone: string;
    /** Only clocks a member of this team fulfilled. */
    teamId: string | null;
    /** Only clocks this agent fulfilled. */
    agentId: string | null;
  }): Promise<SlaFigureRow[]> {
    const key = groupKeys[params.groupBy];
    const teamJoin =
      params.groupBy === 'team' ? 'LEFT JOIN team_member tm ON tm.user_id = s.responder_user_id' : '';
    const rows = (await this.dataSource.query(
      `SELECT ${key} AS key,
         count(DISTINCT s.conversation_id)::int AS conversations,
         ${share('customer')} AS answered_within_promise,
         ${share('contract')} AS compliance,
         ${percentile('customer', 0.5)} AS customer_p50,
         ${percentile('customer', 0.9)} AS customer_p90,
         ${percentile('contract', 0.5)} AS contract_p50,
         ${percentile('contract', 0.9)} AS contract_p90
       FROM sla_clock s ${teamJoin}
       WHERE s.metric = 'first_response' AND s.started_at >= $1 AND s.started_at < $2
         AND ($3::text IS NOT NULL)
         AND ($4::uuid IS NULL OR s.responder_user_id IN (SELECT tf.user_id FROM team_member tf WHERE tf.team_id = $4))
         AND ($5::uuid IS NULL OR s.responder_user_id = $5)
       GROUP BY 1 ORDER BY 1 NULLS LAST`,
      [params.from, params.to, params.timezone, params.teamId, params.agentId],
    )) as RawFigure[];
    const number = (value: number | string | null) => (value === null ? null : Number(value));
    const roundMs = (value: number | string | null) => (value === null ? null : Math.round(Number(value)));
    return rows.map((row) => ({
      key: row.key,
      conversations: row.conversations,
      answeredWithinPromise: number(row.answered_within_promise),
      compliance: number(row.compliance),
      customerP50Ms: roundMs(row.customer_p50),
      customerP90Ms: roundMs(row.customer_p90),
      contractP50Ms: roundMs(row.contract_p50),
      contractP90Ms: roundMs(row.contract_p90),
    }));
  }
}
