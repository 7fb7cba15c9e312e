import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpikeIncidentStatus, SpikeIncidentView } from '@vigie/contracts';
import { BulkAnswerRepository } from '../bulk-answers/bulk-answer.repository';
import { type IncidentRow, SpikeIncidentRepository } from './spike-incident.repository';

/** Incidents as REST and the `incident.*` events show them: the row, its links count and bulk answers. */
@Injectable()
export class SpikeIncidentViews {
  constructor(
    private readonly incidents: SpikeIncidentRepository,
    private readonly answers: BulkAnswerRepository,
  ) {}

  async byIds(manager: EntityManager, ids: readonly string[]): Promise<SpikeIncidentView[]> {
    return this.withAnswers(manager, await this.incidents.byIds(manager, ids));
  }

  async list(
    manager: EntityManager,
    params: { status: SpikeIncidentStatus | null; limit: number },
  ): Promise<SpikeIncidentView[]> {
    return this.withAnswers(manager, await this.incidents.list(manager, params));
  }

  private async withAnswers(manager: EntityManager, rows: IncidentRow[]): Promise<SpikeIncidentView[]> {
    const answers = await this.answers.views(
      manager,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      ...row,
      bulkAnswers: answers.filter((answer) => answer.incidentId === row.id),
    }));
  }
}
