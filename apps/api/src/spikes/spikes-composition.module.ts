import { Module } from '@nestjs/common';
import { SlaModule } from '@vigie/sla-server';
import { SpikesModule } from '@vigie/spikes-server';
import { SpikesSlaBridge } from './spikes-sla-bridge';

/** The spikes domain's links to the SLA domain, made where both are visible: the composition root. */
@Module({
  imports: [SpikesModule, SlaModule],
  providers: [SpikesSlaBridge],
})
export class SpikesCompositionModule {}
