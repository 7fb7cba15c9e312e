import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=` + base64(HMAC-SHA256(consumer secret, message)): the CRC response token and the event signature. */
export function xWebhookSignature(consumerSecret: string, message: string | Buffer): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(message).digest('base64')}`;
}

/** Checks `x-twitter-webhooks-signature` over the raw bytes, in constant time. */
export function isValidXWebhookSignature(params: {
  consumerSecret: string;
  rawBody: Buffer;
  signature: string | undefined;
}): boolean {
  if (!params.signature) return false;
  const expected = Buffer.from(xWebhookSignature(params.consumerSecret, params.rawBody));
  const received = Buffer.from(params.signature);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
