import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SlaAlertFilter } from '@vigie/sla-server';
import { IncidentCoverage } from '@vigie/spikes-server';

/**
 * The incident SLA's link to the SLA domain, made where both are visible (neither imports the other): while an
 * incident is open, its linked conversations' warnings and breaches stay off the individual breach board
 * (docs/spikes.md, ADR 0405).
 */
@Injectable()
export class SpikesSlaBridge implements OnModuleInit {
  constructor(
    private readonly filter: SlaAlertFilter,
    private readonly coverage: IncidentCoverage,
  ) {}

  onModuleInit(): void {
    this.filter.register((manager, conversationIds) =>
      this.coverage.coveredConversationIds(manager, conversationIds),
    );
  }
}
