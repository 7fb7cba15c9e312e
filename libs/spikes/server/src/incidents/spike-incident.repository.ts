import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  SpikeIncidentClosure,
  SpikeIncidentSeverity,
  SpikeIncidentStatus,
  SpikeIncidentView,
  SpikeRisingTermView,
  SpikeSampleView,
} from '@vigie/contracts';
import { returnedRows } from '../sql-rows';

/** An incident as the scanner changes it. */
export type StoredSpikeIncident = Pick<
  SpikeIncidentView,
  | 'id'
  | 'brandId'
  | 'topic'
  | 'status'
  | 'severity'
  | 'startedAt'
  | 'endedAt'
  | 'mentionCount'
  | 'baselineCount'
  | 'topTerms'
  | 'samples'
>;

/** An incident locked for an ops action, with how it ended. */
export type LockedSpikeIncident = StoredSpikeIncident & Pick<SpikeIncidentView, 'closure' | 'mergedIntoId'>;

/** An incident as the service reads it, before its bulk answers are attached. */
export type IncidentRow = Omit<SpikeIncidentView, 'bulkAnswers'>;

/** A customer post of a brand, for terms and samples. */
export type BrandPost = { messageId: string; conversationId: string | null; text: string; sentAt: Date };

type RawStoredIncident = {
  id: string;
  brand_id: string;
  topic: string;
  status: SpikeIncidentStatus;
  severity: SpikeIncidentSeverity;
  started_at: Date;
  ended_at: Date | null;
  mention_count: number;
  baseline_count: number;
  top_terms: SpikeRisingTermView[];
  samples: SpikeSampleView[];
};

type RawIncident = RawStoredIncident & {
  brand_name: string;
  closure: SpikeIncidentClosure | null;
  closed_by_user_id: string | null;
  acknowledged_at: Date | null;
  acknowledged_by_user_id: string | null;
  linked_count: string;
  merged_into_id: string | null;
  split_from_id: string | null;
  opened_by_user_id: string | null;
  first_update_minutes: number;
  first_update_due_at: Date;
  first_update_at: Date | null;
  sla_warned_at: Date | null;
  sla_breached_at: Date | null;
};

const storedColumns = `i.id, i.brand_id, i.topic, i.status, i.severity, i.started_at, i.ended_at, i.mention_count,
  i.baseline_count, i.top_terms, i.samples`;
const incidentColumns = `${storedColumns}, b.name AS brand_name, i.closure, i.closed_by_user_id, i.acknowledged_at,
  i.acknowledged_by_user_id, i.merged_into_id, i.split_from_id, i.opened_by_user_id, i.first_update_minutes,
  i.first_update_due_at, i.first_update_at, i.sla_warned_at, i.sla_breached_at,
  (SELECT count(*) FROM incident_conversation l WHERE l.incident_id = i.id AND l.unlinked_at IS NULL)
    AS linked_count`;

/**
 * The first public update is due this long after an incident opens unless the brand set its own
 * (`spike_brand_setting`); read in SQL as the incident is inserted.
 */
export const defaultFirstUpdateMinutes = 30;
/** The incident's SLA warns once this share of its target has gone by without an update. */
export const slaWarningFraction = 0.5;
const firstUpdateMinutesOf = (brandParameter: string) =>
  `coalesce((SELECT s.first_update_minutes FROM spike_brand_setting s WHERE s.brand_id = ${brandParameter}),
    ${defaultFirstUpdateMinutes})`;

const isoOrNull = (at: Date | null): string | null => (at ? new Date(at).toISOString() : null);

function toStored(row: RawStoredIncident): StoredSpikeIncident {
  return {
    id: row.id,
    brandId: row.brand_id,
    topic: row.topic,
    status: row.status,
    severity: row.severity,
    startedAt: new Date(row.started_at).toISOString(),
    endedAt: isoOrNull(row.ended_at),
    mentionCount: Number(row.mention_count),
    baselineCount: Number(row.baseline_count),
    topTerms: row.top_terms,
    samples: row.samples,
  };
}

function toRow(row: RawIncident): IncidentRow {
  return {
    ...toStored(row),
    brandName: row.brand_name,
    closure: row.closure,
    closedByUserId: row.closed_by_user_id,
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    acknowledgedByUserId: row.acknowledged_by_user_id,
    linkedConversationCount: Number(row.linked_count),
    mergedIntoId: row.merged_into_id,
    splitFromId: row.split_from_id,
    openedByUserId: row.opened_by_user_id,
    sla: {
      status: row.first_update_at ? 'fulfilled' : row.status === 'closed' ? 'stopped' : 'running',
      targetMinutes: Number(row.first_update_minutes),
      dueAt: new Date(row.first_update_due_at).toISOString(),
      warnedAt: isoOrNull(row.sla_warned_at),
      breachedAt: isoOrNull(row.sla_breached_at),
      fulfilledAt: isoOrNull(row.first_update_at),
    },
  };
}

/** SQL of `spike_incident`, and the bounded look-up of a brand's recent posts. */
@Injectable()
export class SpikeIncidentRepository {
  /**
   * The series' open incident, locked. `FOR NO KEY UPDATE` (here and in `lock`): posts linking their
   * conversation meanwhile take a key-share lock through the link's foreign key and need not wait for the scan.
   */
  async findOpen(
    manager: EntityManager,
    params: { brandId: string; topic: string },
  ): Promise<StoredSpikeIncident | null> {
    // The detector's own incident: one split off by hand shares the series but is left to ops.
    const rows: RawStoredIncident[] = await manager.query(
      `SELECT ${storedColumns} FROM spike_incident i
       WHERE i.brand_id = $1 AND i.topic = $2 AND i.status = 'open' AND i.split_from_id IS NULL
       FOR NO KEY UPDATE OF i`,
      [params.brandId, params.topic],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** A new incident of the detector; its first public update falls due the brand's minutes from `now`. */
  async insert(
    manager: EntityManager,
    incident: Omit<StoredSpikeIncident, 'id'>,
    now: Date,
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO spike_incident (brand_id, topic, status, severity, started_at, ended_at, mention_count,
         baseline_count, top_terms, samples, created_at, updated_at, first_update_minutes, first_update_due_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, minutes,
         $11::timestamptz + make_interval(mins => minutes)
       FROM (SELECT ${firstUpdateMinutesOf('$1')} AS minutes) AS setting
       RETURNING id`,
      [
        incident.brandId,
        incident.topic,
        incident.status,
        incident.severity,
        incident.startedAt,
        incident.endedAt,
        incident.mentionCount,
        incident.baselineCount,
        JSON.stringify(incident.topTerms),
        JSON.stringify(incident.samples),
        now,
      ],
    );
    return rows[0].id;
  }

  /** The scanner's changes; an incident it closes ended because volume is back to normal (`calm`). */
  async update(manager: EntityManager, incident: StoredSpikeIncident, now: Date): Promise<void> {
    await manager.query(
      `UPDATE spike_incident SET status = $2, severity = $3, ended_at = $4, mention_count = $5,
         baseline_count = $6, updated_at = $7,
         closure = CASE WHEN $2 = 'closed' THEN coalesce(closure, 'calm') ELSE closure END
       WHERE id = $1`,
      [
        incident.id,
        incident.status,
        incident.severity,
        incident.endedAt,
        incident.mentionCount,
        incident.baselineCount,
        now,
      ],
    );
  }

  /** The incident, locked until the transaction ends (an ops action is about to change it). */
  async lock(manager: EntityManager, id: string): Promise<LockedSpikeIncident | null> {
    const rows: (RawStoredIncident & {
      closure: SpikeIncidentClosure | null;
      merged_into_id: string | null;
    })[] = await manager.query(
      `SELECT ${storedColumns}, i.closure, i.merged_into_id FROM spike_incident i WHERE i.id = $1
       FOR NO KEY UPDATE`,
      [id],
    );
    const row = rows[0];
    return row ? { ...toStored(row), closure: row.closure, mergedIntoId: row.merged_into_id } : null;
  }

  async acknowledge(manager: EntityManager, params: { id: string; userId: string; at: Date }): Promise<void> {
    await manager.query(
      `UPDATE spike_incident SET acknowledged_at = $3, acknowledged_by_user_id = $2, updated_at = $3 WHERE id = $1`,
      [params.id, params.userId, params.at],
    );
  }

  /** Ops close it by hand (resolved, a false alarm, or merged into `mergedIntoId`). */
  async closeByHand(
    manager: EntityManager,
    params: {
      id: string;
      closure: Exclude<SpikeIncidentClosure, 'calm'>;
      userId: string;
      at: Date;
      mergedIntoId?: string;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE spike_incident SET status = 'closed', closure = $2, closed_by_user_id = $3, ended_at = $4,
         updated_at = $4, merged_into_id = $5 WHERE id = $1`,
      [params.id, params.closure, params.userId, params.at, params.mergedIntoId ?? null],
    );
  }

  /**
   * A new incident split off `parent` by hand: same brand, topic and severity, starting now, its samples the
   * parent's that belong to the conversations it takes. It keeps the parent's first-update SLA as it stands
   * (due time, warning, breach, fulfilment): splitting must not restart the customers' wait.
   */
  async insertSplit(
    manager: EntityManager,
    params: { parentId: string; conversationIds: readonly string[]; userId: string; at: Date },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO spike_incident (brand_id, topic, status, severity, started_at, mention_count, baseline_count,
         top_terms, samples, created_at, updated_at, split_from_id, opened_by_user_id, acknowledged_at,
         acknowledged_by_user_id, first_update_minutes, first_update_due_at, first_update_at, sla_warned_at,
         sla_breached_at)
       SELECT p.brand_id, p.topic, 'open', p.severity, $4, 0, 0, '[]'::jsonb,
         coalesce((SELECT jsonb_agg(sample) FROM jsonb_array_elements(p.samples) AS sample
                   WHERE sample->>'conversationId' = ANY($2::text[])), '[]'::jsonb),
         $4, $4, p.id, $3, $4, $3, p.first_update_minutes, p.first_update_due_at, p.first_update_at,
         p.sla_warned_at, p.sla_breached_at
       FROM spike_incident p WHERE p.id = $1
       RETURNING id`,
      [params.parentId, params.conversationIds, params.userId, params.at],
    );
    return rows[0].id;
  }

  /** The first public update went out (the first bulk answer): the incident's SLA is fulfilled. */
  async markFirstUpdate(manager: EntityManager, params: { id: string; at: Date }): Promise<boolean> {
    const result: unknown[] | [unknown[], number] = await manager.query(
      `UPDATE spike_incident SET first_update_at = $2, updated_at = $2
       WHERE id = $1 AND first_update_at IS NULL RETURNING id`,
      [params.id, params.at],
    );
    return returnedRows(result).length > 0;
  }

  /**
   * Open incidents whose first update is late (breach) or half late (warning) and not yet said so, locked for
   * this transaction (`SKIP LOCKED`: every process may look, each warning and breach is recorded once).
   */
  async takeSlaDue(
    manager: EntityManager,
    params: { now: Date; limit: number },
  ): Promise<{ id: string; isBreach: boolean }[]> {
    const rows: { id: string; is_breach: boolean }[] = await manager.query(
      `SELECT id, first_update_due_at <= $1 AS is_breach FROM spike_incident
       WHERE status = 'open' AND first_update_at IS NULL
         AND ((sla_breached_at IS NULL AND first_update_due_at <= $1)
           OR (sla_warned_at IS NULL
               AND first_update_due_at - make_interval(secs => first_update_minutes * 60 * ${1 - slaWarningFraction}) <= $1))
       ORDER BY first_update_due_at LIMIT $2 FOR NO KEY UPDATE SKIP LOCKED`,
      [params.now, params.limit],
    );
    return rows.map((row) => ({ id: row.id, isBreach: row.is_breach }));
  }

  /** Records the warning (and the breach when due): a breach implies the warning. */
  async markSlaAlert(manager: EntityManager, params: { id: string; isBreach: boolean; at: Date }) {
    await manager.query(
      `UPDATE spike_incident SET sla_warned_at = coalesce(sla_warned_at, $3),
         sla_breached_at = CASE WHEN $2 THEN coalesce(sla_breached_at, $3) ELSE sla_breached_at END, updated_at = $3
       WHERE id = $1`,
      [params.id, params.isBreach, params.at],
    );
  }

  async byIds(manager: EntityManager, ids: readonly string[]): Promise<IncidentRow[]> {
    if (ids.length === 0) return [];
    const rows: RawIncident[] = await manager.query(
      `SELECT ${incidentColumns} FROM spike_incident i JOIN brand b ON b.id = i.brand_id
       WHERE i.id = ANY($1::uuid[]) ORDER BY i.started_at DESC`,
      [ids],
    );
    return rows.map(toRow);
  }

  async list(
    manager: EntityManager,
    params: { status: SpikeIncidentStatus | null; limit: number },
  ): Promise<IncidentRow[]> {
    const rows: RawIncident[] = await manager.query(
      `SELECT ${incidentColumns} FROM spike_incident i JOIN brand b ON b.id = i.brand_id
       WHERE ($1::text IS NULL OR i.status = $1) ORDER BY i.started_at DESC LIMIT $2`,
      [params.status, params.limit],
    );
    return rows.map(toRow);
  }

  /** A brand's customer posts sent in [from, to), newest first; bounded by the `message.sent_at` index. */
  async brandPosts(
    manager: EntityManager,
    params: { brandId: string; from: Date; to: Date; limit: number },
  ): Promise<BrandPost[]> {
    const rows: { id: string; conversation_id: string | null; text: string; sent_at: Date }[] =
      await manager.query(
        `SELECT m.id, m.conversation_id, m.text, m.sent_at FROM message m
       JOIN channel_account a ON a.id = m.channel_account_id
       WHERE a.brand_id = $1 AND m.direction = 'inbound' AND m.author_kind = 'customer'
         AND m.sent_at >= $2 AND m.sent_at < $3
       ORDER BY m.sent_at DESC LIMIT $4`,
        [params.brandId, params.from, params.to, params.limit],
      );
    return rows.map((row) => ({
      messageId: row.id,
      conversationId: row.conversation_id,
      text: row.text,
      sentAt: new Date(row.sent_at),
    }));
  }
}
