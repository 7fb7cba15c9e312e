import { isValidXWebhookSignature, xWebhookSignature } from './x-webhook-signature';

// Vectors from shared/reference/x-api-v2-examples.json (webhook_crc, webhook_signature).
describe('X webhook signatures', () => {
  it.each([
    ['consumer-secret-abc', 'challenge_string', 'sha256=Kk+8AOVbCWivtXaB5iRn9sjAO0akhtUIU7F1jRzN4M4='],
    ['test_consumer_secret', 'AbC123xyz', 'sha256=axJ3hk/V4P3W5uJMWPcTwQHfZun/FhUcw+7DjqMWMyk='],
  ])('answers the CRC with secret %s and token %s', (secret, token, expected) => {
    expect(xWebhookSignature(secret, token)).toBe(expected);
  });

  it('accepts the documented event signature and refuses a forged or missing one', () => {
    const rawBody = Buffer.from('{"for_user_id":"2244994945","tweet_create_events":[]}');
    const signature = 'sha256=aUrjuXQH1iKLxiaUVNQ5X3SrgfcGhX9ilYNVKV2/yhE=';
    expect(isValidXWebhookSignature({ consumerSecret: 'consumer-secret-abc', rawBody, signature })).toBe(
      true,
    );
    expect(isValidXWebhookSignature({ consumerSecret: 'another-secret', rawBody, signature })).toBe(false);
    expect(
      isValidXWebhookSignature({ consumerSecret: 'consumer-secret-abc', rawBody, signature: undefined }),
    ).toBe(false);
    expect(
      isValidXWebhookSignature({ consumerSecret: 'consumer-secret-abc', rawBody, signature: 'sha256=short' }),
    ).toBe(false);
  });
});
