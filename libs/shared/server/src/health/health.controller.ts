import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { HealthResponse, ReadinessResponse } from '@vigie/contracts';
import { Public } from '../http/access.decorators';
import { LifecycleState } from './lifecycle-state';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: LifecycleState,
  ) {}

  /** Alive: the process answers. Load balancers restart it when this fails. */
  @Public()
  @Get('health')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive' })
  health(): HealthResponse {
    return { status: 'ok' };
  }

  /** Ready: the database answers, every migration is applied, and the process is not shutting down. */
  @Public()
  @Get('ready')
  @ApiOkResponse({ description: 'Ready to serve' })
  @ApiServiceUnavailableResponse({ description: 'Database down or migrations pending' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessResponse> {
    const total = this.dataSource.migrations.length;
    try {
      const rows: { count: string }[] = await this.dataSource.query(
        'SELECT count(*) AS count FROM schema_migration',
      );
      const applied = Number(rows[0]?.count ?? 0);
      const isReady = applied >= total && !this.lifecycle.isDraining;
      response.status(isReady ? 200 : 503);
      return {
        status: this.lifecycle.isDraining ? 'draining' : isReady ? 'ready' : 'not_ready',
        database: 'up',
        migrations: { applied, pending: Math.max(0, total - applied) },
      };
    } catch {
      response.status(503);
      return { status: 'not_ready', database: 'down', migrations: { applied: 0, pending: total } };
    }
  }
}
