import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { FakeXStore } from '../store/fake-x-store';
import type { DmEventRecord, PostRecord } from '../store/models';
import { directMessageEnvelope, isTweetActivityOf, tweetCreateEnvelope } from './aaa-payloads';
import { webhookSignature } from './webhook-signature';

export interface WebhookDelivery {
  eventKind: 'tweet_create_events' | 'direct_message_events';
  objectId: string;
  forUserId: string;
  status?: number;
  error?: string;
  attemptedAt: string;
}

export interface WebhookRegistration {
  id: string;
  url: string;
  consumerSecret: string;
  forUserIds: string[];
  isValid: boolean;
  /** Send every event twice (X warns that duplicates happen), to exercise the receiver's dedup. */
  isDuplicating: boolean;
  createdAtMs: number;
  lastCrcAt?: string;
  lastCrcError?: string;
  deliveries: WebhookDelivery[];
  queue: Promise<void>;
}

const REQUEST_TIMEOUT_MS = 3_000;

/**
 * Account Activity style delivery: a CRC challenge (at registration, every `crcIntervalMs`, on demand),
 * then each post or DM that concerns a subscribed user is POSTed, signed, in order, to every valid webhook.
 */
export class WebhookDispatcher {
  private readonly registrations = new Map<string, WebhookRegistration>();
  private readonly crcTimer: NodeJS.Timeout;

  constructor(
    private readonly store: FakeXStore,
    private readonly log: (line: string) => void,
    crcIntervalMs: number,
  ) {
    store.on('post', (post) => this.onPost(post));
    store.on('dm', (event) => this.onDm(event));
    this.crcTimer = setInterval(() => void this.recheckAll(), crcIntervalMs);
    this.crcTimer.unref();
  }

  async register(options: {
    url: string;
    consumerSecret: string;
    forUserIds: string[];
    isDuplicating?: boolean;
  }): Promise<WebhookRegistration> {
    const id = this.store.snowflake.nextNow(this.store.clock.now()).id;
    const registration: WebhookRegistration = {
      id,
      url: options.url,
      consumerSecret: options.consumerSecret,
      forUserIds: options.forUserIds,
      isValid: false,
      isDuplicating: options.isDuplicating ?? false,
      createdAtMs: this.store.clock.now(),
      deliveries: [],
      queue: Promise.resolve(),
    };
    this.registrations.set(id, registration);
    await this.runCrc(id);
    return registration;
  }

  /** GET `<url>?crc_token=...`; the webhook is valid when it answers 200 with the expected `response_token`. */
  async runCrc(id: string): Promise<boolean> {
    const registration = this.registrations.get(id);
    if (!registration) return false;
    const crcToken = randomBytes(24).toString('base64url');
    const url = new URL(registration.url);
    url.searchParams.set('crc_token', crcToken);
    registration.lastCrcAt = new Date().toISOString();
    try {
      const response = await send({ method: 'GET', url: url.toString() });
      const expected = webhookSignature(registration.consumerSecret, crcToken);
      const token = response.status === 200 ? readResponseToken(response.body) : undefined;
      registration.isValid = token === expected;
      registration.lastCrcError = registration.isValid
        ? undefined
        : `CrcValidationFailed: status ${response.status}, response_token ${token ?? 'missing'}`;
    } catch (error) {
      registration.isValid = false;
      registration.lastCrcError = `CrcValidationFailed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!registration.isValid)
      this.log(`fake-x: webhook ${registration.url} failed its CRC (${registration.lastCrcError})`);
    return registration.isValid;
  }

  remove(id: string): boolean {
    return this.registrations.delete(id);
  }

  list(): WebhookRegistration[] {
    return [...this.registrations.values()];
  }

  /** Resolves when every queued delivery has been attempted (tests). */
  async drain(): Promise<void> {
    await Promise.all(this.list().map((registration) => registration.queue));
  }

  clear(): void {
    this.registrations.clear();
  }

  close(): void {
    clearInterval(this.crcTimer);
    this.registrations.clear();
  }

  private async recheckAll(): Promise<void> {
    for (const registration of this.list()) await this.runCrc(registration.id);
  }

  private onPost(post: PostRecord): void {
    for (const registration of this.registrations.values()) {
      for (const userId of registration.forUserIds) {
        if (isTweetActivityOf(post, userId, this.store)) {
          this.enqueue(registration, {
            eventKind: 'tweet_create_events',
            objectId: post.id,
            forUserId: userId,
            body: tweetCreateEnvelope(post, userId, this.store),
          });
        }
      }
    }
  }

  private onDm(event: DmEventRecord): void {
    for (const registration of this.registrations.values()) {
      for (const userId of registration.forUserIds) {
        if (event.senderId === userId || event.recipientId === userId) {
          this.enqueue(registration, {
            eventKind: 'direct_message_events',
            objectId: event.id,
            forUserId: userId,
            body: directMessageEnvelope(event, userId, this.store),
          });
        }
      }
    }
  }

  private enqueue(
    registration: WebhookRegistration,
    delivery: { eventKind: WebhookDelivery['eventKind']; objectId: string; forUserId: string; body: string },
  ): void {
    if (!registration.isValid) return;
    const times = registration.isDuplicating ? 2 : 1;
    for (let attempt = 0; attempt < times; attempt += 1) {
      registration.queue = registration.queue.then(async () => {
        const record: WebhookDelivery = {
          eventKind: delivery.eventKind,
          objectId: delivery.objectId,
          forUserId: delivery.forUserId,
          attemptedAt: new Date().toISOString(),
        };
        try {
          const response = await send({
            method: 'POST',
            url: registration.url,
            body: delivery.body,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'x-twitter-webhooks-signature': webhookSignature(registration.consumerSecret, delivery.body),
            },
          });
          record.status = response.status;
        } catch (error) {
          record.error = error instanceof Error ? error.message : String(error);
        }
        registration.deliveries.push(record);
        if (registration.deliveries.length > 1000) registration.deliveries.shift();
      });
    }
  }
}

function readResponseToken(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const token =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<string, unknown>)['response_token']
        : undefined;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

function send(options: {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  headers?: Record<string, string>;
}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(options.url);
    const requester = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = requester(
      url,
      {
        method: options.method,
        headers: { 'user-agent': 'fake-x-webhooks/1.0', ...options.headers },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`timed out after ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(options.body);
  });
}
