import { webhookRetryDelaySeconds } from '@vigie/server';

/**
 * The CRM connector's signed webhooks use the shared scheme (`@vigie/server` `signed-webhook.ts`, ADR 0303):
 * `vigie-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (docs/crm.md).
 */
export {
  computeSignature,
  deliveryHeader,
  signatureHeader,
  signatureHeaderValue,
  signatureToleranceSeconds,
  type SignatureVerdict,
  verifySignature,
} from '@vigie/server';

/** The OpenAPI security scheme of the signed CRM webhook (registered by the API's OpenAPI set-up). */
export const crmSignatureScheme = 'crm_signature';

/** Delay before retry number `attempt` (1-based): 30 s doubling, capped at one hour. */
export function retryDelaySeconds(attempt: number): number {
  return webhookRetryDelaySeconds({ attempt, baseSeconds: 30, maxSeconds: 3600 });
}

/** Deliveries give up (status `failed`) after this many attempts (about 4 h 30 of retries). */
export const maxDeliveryAttempts = 10;
