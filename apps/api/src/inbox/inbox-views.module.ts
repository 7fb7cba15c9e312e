import { Module } from '@nestjs/common';
import { InboxModule } from '@vigie/inbox-server';
import { SlaModule } from '@vigie/sla-server';
import { InboxViewsController } from './inbox-views.controller';
import { InboxViewsRepository } from './inbox-views.repository';
import { InboxViewsService } from './inbox-views.service';

/**
 * The console's inbox views, filters and search (docs/adr/0501): a read model over the inbox, CRM, routing, SLA
 * and identity tables, composed here because no domain below the composition root may see all of them.
 */
@Module({
  imports: [InboxModule, SlaModule],
  controllers: [InboxViewsController],
  providers: [InboxViewsRepository, InboxViewsService],
})
export class InboxViewsModule {}
