import { Module, type OnModuleInit } from '@nestjs/common';
import { ConversationParticipants, InboxModule } from '@vigie/inbox-server';
import { APP_CONFIG } from '@vigie/server';
import { SlaClockParticipant } from './clocks/sla-clock.participant';
import { SlaClockRepository } from './clocks/sla-clock.repository';
import { SlaClocksController } from './clocks/sla-clocks.controller';
import { SlaReadService } from './clocks/sla-read.service';
import { SlaUpdatePublisher } from './clocks/sla-update.publisher';
import {
  defaultSlaEscalationOptions,
  SLA_ESCALATION_OPTIONS,
  SlaEscalationDispatcher,
} from './escalations/sla-escalation.dispatcher';
import { SlaEscalationRepository } from './escalations/sla-escalation.repository';
import { SlaFiguresController } from './figures/sla-figures.controller';
import { SlaFiguresRepository } from './figures/sla-figures.repository';
import { SlaFiguresService } from './figures/sla-figures.service';
import { AutoAnswerRepository } from './out-of-hours/auto-answer.repository';
import { OutOfHoursResponder } from './out-of-hours/out-of-hours.responder';
import { icalFetchOptionsFor, IcalUrlFetcher, SLA_ICAL_FETCH_OPTIONS } from './policies/ical-url.fetcher';
import { SlaPoliciesController } from './policies/sla-policies.controller';
import { SlaPoliciesService } from './policies/sla-policies.service';
import { SlaPolicyCatalog } from './policies/sla-policy.catalog';
import { SlaPolicyRepository } from './policies/sla-policy.repository';
import { SlaAlertAudience } from './scheduler/sla-alert-audience';
import { SlaAlertFilter } from './scheduler/sla-alert-filter';
import {
  defaultSlaSchedulerOptions,
  SLA_SCHEDULER_OPTIONS,
  SlaScheduler,
} from './scheduler/sla-scheduler.service';

/**
 * The SLA domain (docs/sla.md): policies per brand, the customer's and the contract clock of every
 * conversation (kept in step inside the inbox's transactions), the durable scheduler of warnings and breaches,
 * out-of-hours answers and the figures. State lives in `sla_*` tables keyed by conversation id.
 */
@Module({
  imports: [InboxModule],
  controllers: [SlaPoliciesController, SlaClocksController, SlaFiguresController],
  providers: [
    SlaPolicyRepository,
    SlaPolicyCatalog,
    SlaPoliciesService,
    SlaClockRepository,
    SlaReadService,
    SlaUpdatePublisher,
    SlaClockParticipant,
    AutoAnswerRepository,
    OutOfHoursResponder,
    SlaAlertAudience,
    SlaAlertFilter,
    SlaScheduler,
    SlaFiguresRepository,
    SlaFiguresService,
    SlaEscalationRepository,
    SlaEscalationDispatcher,
    { provide: SLA_SCHEDULER_OPTIONS, useValue: defaultSlaSchedulerOptions },
    { provide: SLA_ESCALATION_OPTIONS, useValue: defaultSlaEscalationOptions },
    IcalUrlFetcher,
    { provide: SLA_ICAL_FETCH_OPTIONS, inject: [APP_CONFIG], useFactory: icalFetchOptionsFor },
  ],
  exports: [
    SlaScheduler,
    SlaPoliciesService,
    SlaReadService,
    SlaAlertAudience,
    SlaAlertFilter,
    SlaEscalationDispatcher,
  ],
})
export class SlaModule implements OnModuleInit {
  constructor(
    private readonly participants: ConversationParticipants,
    private readonly participant: SlaClockParticipant,
  ) {}

  onModuleInit(): void {
    this.participants.register(this.participant);
  }
}
