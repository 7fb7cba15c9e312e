import { Module } from '@nestjs/common';
import { InboxModule } from '@vigie/inbox-server';
import { RoutingModule } from '@vigie/routing-server';
import { SlaModule } from '@vigie/sla-server';
import { SlaRoutingBridge } from './sla-routing.bridge';

/** The SLA's links to routing, made where both are visible: the composition root. */
@Module({
  imports: [SlaModule, RoutingModule, InboxModule],
  providers: [SlaRoutingBridge],
})
export class SlaCompositionModule {}
