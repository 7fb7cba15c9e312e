import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=` + base64(HMAC-SHA256(key = consumer secret, message)), for CRC tokens and event bodies alike. */
export function webhookSignature(consumerSecret: string, message: string | Buffer): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(message).digest('base64')}`;
}

/** Constant-time check of an `x-twitter-webhooks-signature` header against the raw body. */
export function isValidWebhookSignature(options: {
  consumerSecret: string;
  rawBody: string | Buffer;
  signature: string | undefined;
}): boolean {
  if (!options.signature) return false;
  const expected = Buffer.from(webhookSignature(options.consumerSecret, options.rawBody));
  const received = Buffer.from(options.signature);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
