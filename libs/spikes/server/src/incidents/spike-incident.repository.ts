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
};

const storedColumns = `i.id, i.brand_id, i.topic, i.status, i.severity, i.started_at, i.ended_at, i.mention_count,
  i.baseline_count, i.top_terms, i.samples`;
const incidentColumns = `${storedColumns}, b.name AS brand_name, i.closure, i.closed_by_user_id, i.acknowledged_at,
  i.acknowledged_by_user_id,
  (SELECT count(*) FROM incident_conversation l WHERE l.incident_id = i.id) AS linked_count`;

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
    const rows: RawStoredIncident[] = await manager.query(
      `SELECT ${storedColumns} FROM spike_incident i
       WHERE i.brand_id = $1 AND i.topic = $2 AND i.status = 'open' FOR NO KEY UPDATE OF i`,
      [params.brandId, params.topic],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  async insert(
    manager: EntityManager,
    incident: Omit<StoredSpikeIncident, 'id'>,
    now: Date,
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO spike_incident (brand_id, topic, status, severity, started_at, ended_at, mention_count,
         baseline_count, top_terms, samples, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
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
  async lock(manager: EntityManager, id: string): Promise<StoredSpikeIncident | null> {
    const rows: RawStoredIncident[] = await manager.query(
      `SELECT ${storedColumns} FROM spike_incident i WHERE i.id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  async acknowledge(manager: EntityManager, params: { id: string; userId: string; at: Date }): Promise<void> {
    await manager.query(
      `UPDATE spike_incident SET acknowledged_at = $3, acknowledged_by_user_id = $2, updated_at = $3 WHERE id = $1`,
      [params.id, params.userId, params.at],
    );
  }

  /** Ops close it by hand (resolved, or a false alarm). */
  async closeByHand(
    manager: EntityManager,
    params: { id: string; closure: Exclude<SpikeIncidentClosure, 'calm'>; userId: string; at: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE spike_incident SET status = 'closed', closure = $2, closed_by_user_id = $3, ended_at = $4,
         updated_at = $4 WHERE id = $1`,
      [params.id, params.closure, params.userId, params.at],
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
