import { Module } from '@nestjs/common';
import { CrmModule } from '@vigie/crm-server';
import { InboxModule } from '@vigie/inbox-server';
import { CrmWebhookBridge } from './crm-webhook-bridge';
import { InboxCustomerHistory } from './inbox-customer-history';

/** The CRM's links to the inbox, made where both are visible: the composition root. */
@Module({
  imports: [CrmModule, InboxModule],
  providers: [InboxCustomerHistory, CrmWebhookBridge],
})
export class CrmCompositionModule {}
