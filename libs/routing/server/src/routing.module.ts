import {
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { CrmAccountsService, CrmModule } from '@vigie/crm-server';
import { ConversationParticipants, InboxModule } from '@vigie/inbox-server';
import { DomainEventBus } from '@vigie/server';
import { AgentStatusService } from './agents/agent-status.service';
import { RoutingSettingsService } from './agents/routing-settings.service';
import { AgentChoiceRepository } from './agents/agent-choice.repository';
import { HoursOpenings } from './agents/hours-openings.service';
import { AssignmentsService } from './assignments/assignments.service';
import { CRM_ROUTING_FACTS } from './crm/crm-routing-facts';
import { RoutingController } from './http/routing.controller';
import { RoutingInboxController } from './inbox/routing-inbox.controller';
import { RoutingInboxRepository } from './inbox/routing-inbox.repository';
import { RoutingInboxService } from './inbox/routing-inbox.service';
import { DrainAfterCommit } from './queue/drain-after-commit';
import { DueTimeRepository } from './queue/due-time.repository';
import { DueTimes } from './queue/due-times';
import { QueueDrainer } from './queue/queue-drainer.service';
import { SlaEscalationRepository } from './queue/sla-escalation.repository';
import { RoutingParticipant } from './queue/routing-participant';
import { RoutingRepository } from './queue/routing.repository';
import { RoutingSettingsRepository } from './settings/routing-settings.repository';
import { RequiredSkillsService } from './skills/required-skills.service';
import { SLA_DUE_TIMES, SlaClockDueTimes } from './sla/sla-due-times';

/** The drain also runs on this beat: the safety net behind the after-commit drains. */
export const drainIntervalMs = 1_000;
/** How often every process runs the durable timers (away after inactivity, offline return). */
export const sweepIntervalMs = 5_000;

@Module({
  imports: [InboxModule, CrmModule],
  controllers: [RoutingController, RoutingInboxController],
  providers: [
    RoutingRepository,
    AgentChoiceRepository,
    SlaEscalationRepository,
    RoutingParticipant,
    QueueDrainer,
    DrainAfterCommit,
    AgentStatusService,
    AssignmentsService,
    RoutingSettingsService,
    RoutingInboxRepository,
    RoutingInboxService,
    RoutingSettingsRepository,
    RequiredSkillsService,
    DueTimeRepository,
    DueTimes,
    HoursOpenings,
    { provide: CRM_ROUTING_FACTS, useExisting: CrmAccountsService },
    // Routing reads the SLA's due times through its own port (docs/adr/0208), never through @vigie/sla-server.
    { provide: SLA_DUE_TIMES, useClass: SlaClockDueTimes },
  ],
  exports: [QueueDrainer, AgentStatusService, AssignmentsService],
})
export class RoutingModule implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RoutingModule');
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly participants: ConversationParticipants,
    private readonly participant: RoutingParticipant,
    private readonly drainer: QueueDrainer,
    private readonly afterCommit: DrainAfterCommit,
    private readonly agents: AgentStatusService,
    private readonly events: DomainEventBus,
    private readonly dueTimes: DueTimes,
    private readonly skills: RequiredSkillsService,
    private readonly hoursOpenings: HoursOpenings,
  ) {}

  onModuleInit(): void {
    this.participant.listen((manager) => this.afterCommit.schedule(manager));
    this.participants.register(this.participant);
    this.unsubscribers.push(
      this.events.subscribe('agent.presence.changed', (presence) => this.agents.onPresence(presence)),
      // The SLA moved a conversation's clocks (new cycle, pause, re-evaluation): its queue place follows.
      // `sla.updated` comes one conversation at a time (a batch of mentions sends hundreds at once): the marks
      // are gathered and written in one statement.
      this.events.subscribe('sla.updated', async ({ conversationId }) => {
        if ((await this.dueTimes.noteChanged(conversationId)) > 0) this.drainer.requestDrain();
      }),
      // Tags are facts of the skill rules.
      this.events.subscribe('conversation.updated', ({ state }) =>
        this.skills.onTagsChanged({ conversationId: state.conversationId, tags: state.tags }),
      ),
    );
  }

  onApplicationBootstrap(): void {
    this.timers.push(
      setInterval(() => this.drainer.requestDrain(0), drainIntervalMs),
      setInterval(() => {
        this.agents
          .sweep()
          .catch((error: unknown) => this.logger.error({ err: error }, 'Routing sweep failed'));
        // Due times whose `sla.updated` was lost (a crash after the SLA's commit) are found again here.
        this.dueTimes
          .reconcile()
          .then((stale) => (stale > 0 ? this.drainer.requestDrain() : undefined))
          .catch((error: unknown) => this.logger.error({ err: error }, 'Due time reconciliation failed'));
      }, sweepIntervalMs),
    );
    for (const timer of this.timers) timer.unref();
    this.hoursOpenings.start();
    this.drainer.requestDrain(0);
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.drainer.stop();
    await this.hoursOpenings.stop();
  }
}
