import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed webhooks, in and out (docs/adr/0303, 0403): Stripe's scheme.
 * `vigie-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, checked in constant time
 * over the raw bytes, refused when the timestamp is more than five minutes from the receiver's clock. Outbound
 * deliveries are rows the caller's domain keeps (claimed with `FOR UPDATE SKIP LOCKED` and a lease); this file
 * holds what every such delivery does the same way: sign, POST, and decide what happens to the row.
 */

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const signatureHeader = 'vigie-signature';
/** Header carrying the sender's unique delivery id (a receiver applies each id once). */
export const deliveryHeader = 'vigie-delivery';
/** Header naming the event type of an outbound delivery. */
export const eventHeader = 'vigie-event';
/** How far a signed timestamp may be from our clock, either way. */
export const signatureToleranceSeconds = 300;

export function computeSignature(params: { secret: string; timestampSeconds: number; body: string }): string {
  return createHmac('sha256', params.secret)
    .update(`${params.timestampSeconds}.${params.body}`)
    .digest('hex');
}

/** The header value for an outbound delivery. */
export function signatureHeaderValue(params: { secret: string; at: Date; body: string }): string {
  const timestampSeconds = Math.floor(params.at.getTime() / 1000);
  return `t=${timestampSeconds},v1=${computeSignature({ secret: params.secret, timestampSeconds, body: params.body })}`;
}

export type SignatureVerdict =
  { isValid: true } | { isValid: false; reason: 'malformed' | 'stale' | 'mismatch' };

/**
 * Checks a signature header against the raw body: well-formed, fresh (within the tolerance of `now`, so a
 * captured request cannot be replayed later) and matching in constant time.
 */
export function verifySignature(params: {
  header: string | undefined;
  secret: string;
  body: string;
  now: Date;
  toleranceSeconds?: number;
}): SignatureVerdict {
  const parts = new Map(
    (params.header ?? '').split(',').map((part) => {
      const [key, ...rest] = part.trim().split('=');
      return [key ?? '', rest.join('=')] as const;
    }),
  );
  const timestamp = parts.get('t') ?? '';
  const signature = parts.get('v1') ?? '';
  if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) {
    return { isValid: false, reason: 'malformed' };
  }
  const timestampSeconds = Number(timestamp);
  const skewSeconds = Math.abs(params.now.getTime() / 1000 - timestampSeconds);
  if (skewSeconds > (params.toleranceSeconds ?? signatureToleranceSeconds)) {
    return { isValid: false, reason: 'stale' };
  }
  const expected = Buffer.from(
    computeSignature({ secret: params.secret, timestampSeconds, body: params.body }),
    'hex',
  );
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
    ? { isValid: true }
    : { isValid: false, reason: 'mismatch' };
}

/** Delay before retry number `attempt` (1-based): `baseSeconds` doubling, capped at `maxSeconds`. */
export function webhookRetryDelaySeconds(params: {
  attempt: number;
  baseSeconds: number;
  maxSeconds: number;
}): number {
  return Math.min(params.baseSeconds * 2 ** Math.max(0, params.attempt - 1), params.maxSeconds);
}

/** A delivery claimed for one attempt (its `attempts` already counts this one). */
export type ClaimedWebhookDelivery = {
  id: string;
  url: string;
  secret: string;
  eventType: string;
  /** The exact bytes signed and sent. */
  body: string;
  attempts: number;
};

/** What became of one attempt, and what the delivery row is now. */
export type WebhookAttemptOutcome = {
  id: string;
  status: 'pending' | 'delivered' | 'given_up';
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
};

/** Retry rule of a delivery queue: how many attempts, and the wait before retry number `attempt`. */
export type WebhookRetryPolicy = { maxAttempts: number; delaySeconds: (attempt: number) => number };

/**
 * The row's next state after an attempt: delivered on a 2xx; given up after `maxAttempts`; else pending again
 * after the policy's delay. Pure, so the rule is tested without HTTP.
 */
export function webhookAttemptOutcome(params: {
  delivery: Pick<ClaimedWebhookDelivery, 'id' | 'attempts'>;
  statusCode: number | null;
  error: string | null;
  at: Date;
  policy: WebhookRetryPolicy;
}): WebhookAttemptOutcome {
  const { delivery, at, policy } = params;
  const isDelivered = params.error === null;
  const isExhausted = !isDelivered && delivery.attempts >= policy.maxAttempts;
  return {
    id: delivery.id,
    status: isDelivered ? 'delivered' : isExhausted ? 'given_up' : 'pending',
    statusCode: params.statusCode,
    error: params.error,
    nextAttemptAt:
      isDelivered || isExhausted
        ? at
        : new Date(at.getTime() + policy.delaySeconds(delivery.attempts) * 1000),
    deliveredAt: isDelivered ? at : null,
  };
}

/** One HTTP attempt may take this long; claims hold a longer lease, so a slow receiver is not sent twice. */
export const webhookRequestTimeoutMs = 10_000;

/**
 * Signs and POSTs each claimed delivery in turn, and hands each outcome to `record` (the domain's SQL). A 2xx is
 * delivered; any other status, a redirect (not followed), a timeout or a network error is retried by the policy.
 * Secrets and bodies are never logged.
 */
export async function sendSignedWebhooks(params: {
  deliveries: readonly ClaimedWebhookDelivery[];
  now: () => Date;
  policy: WebhookRetryPolicy;
  record: (outcome: WebhookAttemptOutcome) => Promise<void>;
  userAgent?: string;
  timeoutMs?: number;
}): Promise<number> {
  for (const delivery of params.deliveries) {
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': params.userAgent ?? 'Vigie-Webhooks/1',
          [signatureHeader]: signatureHeaderValue({
            secret: delivery.secret,
            at: params.now(),
            body: delivery.body,
          }),
          [deliveryHeader]: delivery.id,
          [eventHeader]: delivery.eventType,
        },
        body: delivery.body,
        signal: AbortSignal.timeout(params.timeoutMs ?? webhookRequestTimeoutMs),
        redirect: 'manual',
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message.slice(0, 500) : 'request failed';
    }
    await params.record(
      webhookAttemptOutcome({ delivery, statusCode, error, at: params.now(), policy: params.policy }),
    );
  }
  return params.deliveries.length;
}
