import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (docs/crm.md). */
export const signatureHeader = 'vigie-signature';
/** The OpenAPI security scheme of the signed CRM webhook (registered by the API's OpenAPI set-up). */
export const crmSignatureScheme = 'crm_signature';
/** Header carrying the sender's unique delivery id (replays of the same id are applied once). */
export const deliveryHeader = 'vigie-delivery';
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

/** Delay before retry number `attempt` (1-based): 30 s doubling, capped at one hour. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempt - 1), 3600);
}

/** Deliveries give up (status `failed`) after this many attempts (about 4 h 30 of retries). */
export const maxDeliveryAttempts = 10;
