import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@vigie/kernel';
import {
  PeriodicJob,
  SECRET_CIPHER,
  type SecretCipher,
  sendSignedWebhooks,
  webhookRetryDelaySeconds,
} from '@vigie/server';
import { IncidentWebhookRepository } from './incident-webhook.repository';
import { webhookSecretBinding } from './webhook-secret-binding';

export type IncidentWebhookDeliveryOptions = {
  /** How often each process looks for due deliveries. */
  intervalMs: number;
  batchSize: number;
  /** A claimed delivery is this process's for this long (longer than an HTTP attempt may take). */
  leaseSeconds: number;
  /** Attempts before a delivery is `dead`. */
  maxAttempts: number;
  /** First retry after this long, doubling each time up to `maxRetryDelaySeconds`. */
  baseRetryDelaySeconds: number;
  maxRetryDelaySeconds: number;
};
export const INCIDENT_WEBHOOK_DELIVERY_OPTIONS = Symbol('INCIDENT_WEBHOOK_DELIVERY_OPTIONS');
/** 30 s, 1, 2, 4, 8, 16, 32 min, then 1 h: 8 attempts over about 2 h 30 before `dead`. */
export const defaultIncidentWebhookDeliveryOptions: IncidentWebhookDeliveryOptions = {
  intervalMs: 2_000,
  batchSize: 20,
  leaseSeconds: 60,
  maxAttempts: 8,
  baseRetryDelaySeconds: 30,
  maxRetryDelaySeconds: 3_600,
};

/**
 * Sends incident webhooks (docs/spikes.md, ADR 0403): every process claims due deliveries with
 * `FOR UPDATE SKIP LOCKED` and a lease, signs and POSTs each (the shared `sendSignedWebhooks`), and records the
 * outcome: `delivered` on a 2xx (never claimed again), else retried with exponential backoff, `dead` after the
 * last attempt.
 */
@Injectable()
export class IncidentWebhookDeliverer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IncidentWebhooks');
  private readonly job: PeriodicJob<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: IncidentWebhookRepository,
    @Inject(SECRET_CIPHER) private readonly cipher: SecretCipher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INCIDENT_WEBHOOK_DELIVERY_OPTIONS) private readonly options: IncidentWebhookDeliveryOptions,
  ) {
    this.job = new PeriodicJob({
      name: 'IncidentWebhookDeliverer',
      intervalMs: options.intervalMs,
      work: () => this.deliverDue(),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Sends what is due now; returns how many attempts were made. Safe from any number of processes. */
  tick(): Promise<number> {
    return this.job.run();
  }

  private async deliverDue(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.webhooks.claimDue(this.dataSource.manager, {
      now,
      leaseUntil: new Date(now.getTime() + this.options.leaseSeconds * 1000),
      limit: this.options.batchSize,
    });
    return sendSignedWebhooks({
      deliveries: claimed.map((delivery) => ({
        id: delivery.id,
        url: delivery.url,
        secret: this.cipher.decrypt({
          stored: delivery.secretCiphertext,
          associatedData: webhookSecretBinding(delivery.webhookId),
        }),
        eventType: delivery.eventType,
        body: JSON.stringify(delivery.payload),
        attempts: delivery.attempts,
      })),
      now: () => this.clock.now(),
      policy: {
        maxAttempts: this.options.maxAttempts,
        delaySeconds: (attempt) =>
          webhookRetryDelaySeconds({
            attempt,
            baseSeconds: this.options.baseRetryDelaySeconds,
            maxSeconds: this.options.maxRetryDelaySeconds,
          }),
      },
      record: async (outcome) => {
        if (outcome.status === 'given_up')
          this.logger.warn(
            { deliveryId: outcome.id, statusCode: outcome.statusCode, error: outcome.error },
            'Incident webhook delivery is dead after its last attempt',
          );
        await this.webhooks.recordAttempt(this.dataSource.manager, {
          ...outcome,
          status: outcome.status === 'given_up' ? 'dead' : outcome.status,
        });
      },
    });
  }
}
