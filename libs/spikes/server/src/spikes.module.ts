import { Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConversationParticipants, InboxModule } from '@vigie/inbox-server';
import { DomainEventBus } from '@vigie/server';
import { SpikeBrandSettingRepository } from './brands/spike-brand-setting.repository';
import { SpikeBrandSettingsService } from './brands/spike-brand-settings.service';
import { SpikeBrandsController } from './brands/spike-brands.controller';
import { BulkAnswerRepository } from './bulk-answers/bulk-answer.repository';
import { BulkAnswerSender } from './bulk-answers/bulk-answer-sender';
import { BulkAnswersService } from './bulk-answers/bulk-answers.service';
import { DemoSpikeHistory } from './demo/demo-spike-history.service';
import { DetectorFiguresController } from './figures/detector-figures.controller';
import { DetectorFiguresRepository } from './figures/detector-figures.repository';
import { DetectorFiguresService } from './figures/detector-figures.service';
import { IncidentLinkParticipant } from './incidents/incident-link.participant';
import { IncidentLinkRepository } from './incidents/incident-link.repository';
import { IncidentRegroupingService } from './incidents/incident-regrouping.service';
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
import { SpikeVolumeController } from './series/spike-volume.controller';
import { SpikeVolumeRepository } from './series/spike-volume.repository';
import { SpikeVolumeService } from './series/spike-volume.service';
import { IncidentCoverage } from './sla/incident-coverage';
import { IncidentSlaWatch } from './sla/incident-sla-watch';
import {
  defaultIncidentWebhookDeliveryOptions,
  INCIDENT_WEBHOOK_DELIVERY_OPTIONS,
  IncidentWebhookDeliverer,
} from './webhooks/incident-webhook-deliverer';
import { IncidentWebhookOutbox } from './webhooks/incident-webhook-outbox';
import { IncidentWebhookRepository } from './webhooks/incident-webhook.repository';
import { IncidentWebhooksService } from './webhooks/incident-webhooks.service';

/**
 * The spikes domain (docs/spikes.md): per-minute mention counts per brand and topic kept in step with the
 * inbox, the streaming detector run over every series with its state in the database, the incidents it
 * opens with the conversations linked to them, read, regrouped and acted on by ops, their own SLA, bulk answers
 * through the outbox, signed outbound webhooks, the detector's figures, the ops view's volume chart, and the demo's
 * simulated history.
 */
@Module({
  imports: [InboxModule],
  controllers: [
    SpikeIncidentsController,
    SpikeBrandsController,
    DetectorFiguresController,
    SpikeVolumeController,
  ],
  providers: [
    SpikeSeriesRepository,
    SpikeCountParticipant,
    SpikeIncidentRepository,
    SpikeIncidentTexts,
    SpikeIncidentViews,
    SpikeIncidentsService,
    IncidentLinkRepository,
    IncidentLinkParticipant,
    IncidentRegroupingService,
    BulkAnswerRepository,
    BulkAnswerSender,
    BulkAnswersService,
    SpikeScanner,
    { provide: SPIKE_SCANNER_OPTIONS, useValue: defaultSpikeScannerOptions },
    SpikeBrandSettingRepository,
    SpikeBrandSettingsService,
    IncidentWebhookRepository,
    IncidentWebhookOutbox,
    IncidentWebhooksService,
    IncidentWebhookDeliverer,
    { provide: INCIDENT_WEBHOOK_DELIVERY_OPTIONS, useValue: defaultIncidentWebhookDeliveryOptions },
    IncidentSlaWatch,
    IncidentCoverage,
    DetectorFiguresRepository,
    DetectorFiguresService,
    SpikeVolumeRepository,
    SpikeVolumeService,
    DemoSpikeHistory,
  ],
  exports: [
    DemoSpikeHistory,
    SpikeScanner,
    SpikeIncidentsService,
    BulkAnswersService,
    IncidentWebhookDeliverer,
    IncidentSlaWatch,
    IncidentCoverage,
  ],
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
