import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type SpikeWebhookCreated,
  type SpikeWebhookDeliveryView,
  type SpikeWebhookEvent,
  spikeWebhookEvents,
  type SpikeWebhookView,
} from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { SECRET_CIPHER, type SecretCipher } from '@vigie/server';
import { IncidentWebhookRepository, type StoredIncidentWebhook } from './incident-webhook.repository';
import { webhookSecretBinding } from './webhook-secret-binding';

const toView = ({ secretCiphertext: _secret, ...view }: StoredIncidentWebhook): SpikeWebhookView => view;
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * Admins configure where a brand's incident events go (docs/spikes.md): a URL and a signing secret per webhook,
 * the secret encrypted at rest and shown only once, when Vigie generates it.
 */
@Injectable()
export class IncidentWebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: IncidentWebhookRepository,
    @Inject(SECRET_CIPHER) private readonly cipher: SecretCipher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(brandId: string): Promise<SpikeWebhookView[]> {
    await this.requireBrand(brandId);
    return (await this.webhooks.ofBrand(this.dataSource.manager, brandId)).map(toView);
  }

  async create(params: {
    brandId: string;
    name: string;
    url: string;
    secret: string | null;
    events: readonly SpikeWebhookEvent[] | null;
    userId: string;
  }): Promise<SpikeWebhookCreated> {
    await this.requireBrand(params.brandId);
    const id = randomUUID();
    const secret = params.secret ?? newSecret();
    const webhook = await this.webhooks.insert(this.dataSource.manager, {
      id,
      brandId: params.brandId,
      name: params.name,
      url: params.url,
      secretCiphertext: this.seal(id, secret),
      events: [...new Set(params.events ?? spikeWebhookEvents)],
      userId: params.userId,
      at: this.clock.now(),
    });
    if (!webhook)
      throw new DomainError({
        code: 'conflict',
        message: `This brand already has a webhook named ${params.name}.`,
        details: { reason: 'name_taken' },
      });
    return { webhook: toView(webhook), generatedSecret: params.secret ? null : secret };
  }

  async update(params: {
    id: string;
    url?: string;
    secret?: string;
    events?: readonly SpikeWebhookEvent[];
    isActive?: boolean;
  }): Promise<SpikeWebhookView> {
    const webhook = await this.webhooks.update(this.dataSource.manager, {
      id: params.id,
      url: params.url,
      secretCiphertext: params.secret === undefined ? undefined : this.seal(params.id, params.secret),
      events: params.events ? [...new Set(params.events)] : undefined,
      isActive: params.isActive,
      at: this.clock.now(),
    });
    if (!webhook) throw notFound(params.id);
    return toView(webhook);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.webhooks.remove(this.dataSource.manager, id))) throw notFound(id);
  }

  /** The latest deliveries, newest first: status, attempts, the receiver's last answer. */
  async deliveries(id: string): Promise<SpikeWebhookDeliveryView[]> {
    if (!(await this.webhooks.byId(this.dataSource.manager, id))) throw notFound(id);
    return this.webhooks.deliveries(this.dataSource.manager, { webhookId: id, limit: 200 });
  }

  private seal(webhookId: string, secret: string): string {
    return this.cipher.encrypt({ plaintext: secret, associatedData: webhookSecretBinding(webhookId) });
  }

  private async requireBrand(brandId: string): Promise<void> {
    if (!(await this.webhooks.isBrand(this.dataSource.manager, brandId)))
      throw new DomainError({ code: 'not_found', message: 'Brand not found', details: { brandId } });
  }
}

const notFound = (id: string) =>
  new DomainError({ code: 'not_found', message: 'Webhook not found', details: { id } });
