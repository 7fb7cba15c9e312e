import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InboxModule } from '@vigie/inbox-server';
import { Brand } from './accounts/brand.entity';
import { BrandRepository } from './accounts/brand.repository';
import { ChannelAccount } from './accounts/channel-account.entity';
import { ChannelAccountRepository } from './accounts/channel-account.repository';
import { ChannelAccountsController } from './accounts/channel-accounts.controller';
import { ChannelAccountsService } from './accounts/channel-accounts.service';
import { DemoChannelBootstrapService } from './accounts/demo-channel-bootstrap.service';
import { CHANNEL_ADAPTERS, type ChannelAdapter } from './channels/channel-adapter';
import { XChannelAdapter } from './channels/x/x-channel.adapter';
import { XClientProvider } from './channels/x/x-client.provider';
import { XWebhookController } from './channels/x/x-webhook.controller';
import { XWebhookService } from './channels/x/x-webhook.service';
import { AccountLock } from './ingestion/account-lock';
import { DeadLetterRepository } from './ingestion/dead-letter.repository';
import { IngestionCursorRepository } from './ingestion/ingestion-cursor.repository';
import { IngestionSinkService } from './ingestion/ingestion-sink.service';
import { IngestionSupervisor } from './ingestion/ingestion-supervisor.service';
import { CHANNEL_SENDERS, type ChannelSender } from './outbox/channel-sender';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.service';
import { SendBudgetRepository } from './outbox/send-budget.repository';
import { XSender } from './channels/x/x-sender';

export const ingestionEntities = [Brand, ChannelAccount];

@Module({
  imports: [TypeOrmModule.forFeature(ingestionEntities), InboxModule],
  controllers: [ChannelAccountsController, XWebhookController],
  providers: [
    BrandRepository,
    ChannelAccountRepository,
    ChannelAccountsService,
    DemoChannelBootstrapService,
    { provide: XClientProvider, useValue: new XClientProvider() },
    XChannelAdapter,
    // A new channel adds its adapter here.
    {
      provide: CHANNEL_ADAPTERS,
      inject: [XChannelAdapter],
      useFactory: (x: XChannelAdapter): ChannelAdapter[] => [x],
    },
    XWebhookService,
    AccountLock,
    DeadLetterRepository,
    IngestionCursorRepository,
    IngestionSinkService,
    IngestionSupervisor,
    XSender,
    // A new channel adds its sender here.
    { provide: CHANNEL_SENDERS, inject: [XSender], useFactory: (x: XSender): ChannelSender[] => [x] },
    SendBudgetRepository,
    OutboxDispatcher,
  ],
  exports: [IngestionSupervisor, IngestionSinkService],
})
export class IngestionModule {}
