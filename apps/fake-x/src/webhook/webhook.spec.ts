import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BRAND_ID } from '../fake-x';
import {
  createCustomer,
  injectPost,
  startFakeXTestContext,
  waitFor,
  type FakeXTestContext,
} from '../testing/fake-x-test-context';
import { isValidWebhookSignature, webhookSignature } from './webhook-signature';

const CONSUMER_SECRET = 'consumer-secret-abc';

interface Received {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A tiny Account Activity receiver: answers the CRC and keeps every POST with its raw body. */
async function startReceiver(options: {
  secret: string;
}): Promise<{ url: string; posts: Received[]; close(): Promise<void> }> {
  const posts: Received[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://receiver');
    if (request.method === 'GET') {
      const token = url.searchParams.get('crc_token') ?? '';
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ response_token: webhookSignature(options.secret, token) }));
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      posts.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/x`,
    posts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('webhook signatures', () => {
  it.each([
    ['consumer-secret-abc', 'challenge_string', 'sha256=Kk+8AOVbCWivtXaB5iRn9sjAO0akhtUIU7F1jRzN4M4='],
    ['test_consumer_secret', 'AbC123xyz', 'sha256=axJ3hk/V4P3W5uJMWPcTwQHfZun/FhUcw+7DjqMWMyk='],
    [
      'consumer-secret-abc',
      '{"for_user_id":"2244994945","tweet_create_events":[]}',
      'sha256=aUrjuXQH1iKLxiaUVNQ5X3SrgfcGhX9ilYNVKV2/yhE=',
    ],
  ])('matches the reference vector for secret %s', (secret, message, expected) => {
    expect(webhookSignature(secret, message)).toBe(expected);
  });
});

describe('Account Activity webhook delivery', () => {
  let context: FakeXTestContext;

  beforeAll(async () => {
    context = await startFakeXTestContext();
  });
  afterAll(() => context.close());
  beforeEach(() => context.control('POST', '/control/reset'));

  it('passes the CRC, then POSTs signed v1.1 tweet_create_events and direct_message_events', async () => {
    const receiver = await startReceiver({ secret: CONSUMER_SECRET });
    try {
      const registered = await context.control<{ data: { valid: boolean } }>('POST', '/control/webhooks', {
        url: receiver.url,
        consumerSecret: CONSUMER_SECRET,
      });
      expect(registered.body.data.valid).toBe(true);
      const jane = await createCustomer(context, 'jane_doe');
      const mention = await injectPost(context, {
        author: 'jane_doe',
        text: 'Hey @VigieTelecom is the app down?',
        lang: 'en',
      });
      await context.control('POST', '/control/dms', {
        from: 'jane_doe',
        to: 'VigieTelecom',
        text: 'Order 12345 please check',
      });
      await waitFor(() => receiver.posts.length === 2);
      for (const post of receiver.posts) {
        const signature = post.headers['x-twitter-webhooks-signature'] as string;
        expect(
          isValidWebhookSignature({ consumerSecret: CONSUMER_SECRET, rawBody: post.rawBody, signature }),
        ).toBe(true);
        expect(isValidWebhookSignature({ consumerSecret: 'forged', rawBody: post.rawBody, signature })).toBe(
          false,
        );
      }
      const tweetEvent = JSON.parse(receiver.posts[0].rawBody);
      expect(tweetEvent).toMatchObject({ for_user_id: DEFAULT_BRAND_ID, user_has_blocked: 'false' });
      const tweet = tweetEvent.tweet_create_events[0];
      expect(tweet).toMatchObject({
        id_str: mention.id,
        text: 'Hey @VigieTelecom is the app down?',
        user: { id_str: jane.id, screen_name: 'jane_doe' },
      });
      expect(tweet.entities.user_mentions[0]).toMatchObject({
        screen_name: 'VigieTelecom',
        id_str: DEFAULT_BRAND_ID,
        indices: [4, 17],
      });
      expect(tweet.created_at).toMatch(/^\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} \+0000 \d{4}$/);
      // v1.1 numeric ids are written as bare numbers (too large for a double: read *_str).
      expect(receiver.posts[0].rawBody).toContain(`"id":${mention.id},"id_str":"${mention.id}"`);
      const dmEvent = JSON.parse(receiver.posts[1].rawBody);
      expect(dmEvent.direct_message_events[0]).toMatchObject({
        type: 'message_create',
        message_create: {
          sender_id: jane.id,
          target: { recipient_id: DEFAULT_BRAND_ID },
          message_data: { text: 'Order 12345 please check' },
        },
      });
      expect(dmEvent.users[jane.id]).toMatchObject({ screen_name: 'jane_doe' });
    } finally {
      await receiver.close();
    }
  });

  it('marks a webhook that answers the CRC wrongly as invalid and delivers nothing to it', async () => {
    const receiver = await startReceiver({ secret: 'another-secret' });
    try {
      const registered = await context.control<{ data: { valid: boolean; last_crc_error: string } }>(
        'POST',
        '/control/webhooks',
        { url: receiver.url, consumerSecret: CONSUMER_SECRET },
      );
      expect(registered.body.data.valid).toBe(false);
      expect(registered.body.data.last_crc_error).toContain('CrcValidationFailed');
      await createCustomer(context, 'jane_doe');
      await injectPost(context, { author: 'jane_doe', text: '@VigieTelecom hello', lang: 'en' });
      await context.fakeX.services.webhooks.drain();
      expect(receiver.posts).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });
});
