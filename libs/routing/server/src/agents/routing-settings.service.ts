import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@vigie/kernel';
import type { TeamRoutingPolicy } from '@vigie/routing-core';
import { QueueDrainer } from '../queue/queue-drainer.service';
import { RoutingRepository } from '../queue/routing.repository';

/** Per-brand routing settings: how a team spreads new conversations (round robin or least loaded). */
@Injectable()
export class RoutingSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: RoutingRepository,
    private readonly drainer: QueueDrainer,
  ) {}

  async setBrandPolicy(params: { brandId: string; policy: TeamRoutingPolicy }): Promise<void> {
    const isSaved = await this.routing.setBrandPolicy(this.dataSource.manager, params);
    if (!isSaved) {
      throw new DomainError({
        code: 'not_found',
        message: 'No such brand.',
        details: { brandId: params.brandId },
      });
    }
    this.drainer.requestDrain();
  }
}
