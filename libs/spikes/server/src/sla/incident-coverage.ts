import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IncidentLinkRepository } from '../incidents/incident-link.repository';

/**
 * Which conversations an open incident covers: while it is open, the incident's own SLA stands for them and
 * they leave the individual breach board (the SLA domain asks through its alert filter, wired in the API).
 */
@Injectable()
export class IncidentCoverage {
  constructor(private readonly links: IncidentLinkRepository) {}

  coveredConversationIds(manager: EntityManager, conversationIds: readonly string[]): Promise<Set<string>> {
    return this.links.coveredByOpenIncidents(manager, conversationIds);
  }
}
