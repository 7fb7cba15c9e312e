import { Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConversationParticipants, InboxModule } from '@vigie/inbox-server';
import { DomainEventBus } from '@vigie/server';
import { BulkAnswerRepository } from './bulk-answers/bulk-answer.repository';
import { BulkAnswerSender } from './bulk-answers/bulk-answer-sender';
import { BulkAnswersService } from './bulk-answers/bulk-answers.service';
import { IncidentLinkParticipant } from './incidents/incident-link.participant';
import { IncidentLinkRepository } from './incidents/incident-link.repository';
import { SpikeIncidentRepository } from './incidents/spike-incident.repository';
import { SpikeIncidentTexts } from './incidents/spike-incident-texts';
import { SpikeIncidentViews } from './incidents/spike-incident-views';
import { SpikeIncidentsController } from './incidents/spike-incidents.controller';
import { SpikeIncidentsService } from './incidents/spike-incidents.service';
import {
  defaultSpikeScannerOptions,
  SPIKE_SCANNER_OPTIONS,
  SpikeScanner,
} from './scanner/spike-scanner.service';
import { SpikeCountParticipant } from './series/spike-count.participant';
import { SpikeSeriesRepository } from './series/spike-series.repository';

/**
 * The spikes domain (docs/spikes.md): per-minute mention counts per brand and topic kept in step with the
 * inbox, the streaming detector run over every series with its state in the database, the incidents it
 * opens with the conversations linked to them, read and acted on by ops, and bulk answers through the outbox.
 */
@Module({
  imports: [InboxModule],
  controllers: [SpikeIncidentsController],
  providers: [
    SpikeSeriesRepository,
    SpikeCountParticipant,
    SpikeIncidentRepository,
    SpikeIncidentTexts,
    SpikeIncidentViews,
    SpikeIncidentsService,
    IncidentLinkRepository,
    IncidentLinkParticipant,
    BulkAnswerRepository,
    BulkAnswerSender,
    BulkAnswersService,
    SpikeScanner,
    { provide: SPIKE_SCANNER_OPTIONS, useValue: defaultSpikeScannerOptions },
  ],
  exports: [SpikeScanner, SpikeIncidentsService, BulkAnswersService],
})
export class SpikesModule implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribes: (() => void)[] = [];

  constructor(
    private readonly participants: ConversationParticipants,
    private readonly counter: SpikeCountParticipant,
    private readonly linker: IncidentLinkParticipant,
    private readonly events: DomainEventBus,
    private readonly bulkAnswers: BulkAnswersService,
  ) {}

  onModuleInit(): void {
    this.participants.register(this.counter);
    this.participants.register(this.linker);
    // Bulk answer progress: the outbox reports each reply's outcome; consoles hear it as `incident.updated`.
    for (const name of ['message.sent', 'message.failed'] as const)
      this.unsubscribes.push(
        this.events.subscribe(name, ({ message }) => this.bulkAnswers.onReplyOutcome(message.id)),
      );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
  }
}
