import examples from '../../testing/x-api-v2-examples.json';
import type { NormaliseOutcome } from '../normalise-outcome.type';
import { normaliseAccountActivity } from './x-account-activity.normaliser';
import { normaliseXDmPage } from './x-dm.normaliser';
import { classifyXPost, normaliseXPostPage, normaliseXStreamMessage } from './x-post.normaliser';
import { directMessageThreadKey, oneToOneDmConversationId, publicThreadKey } from './x-thread-key';

// The reference payloads (shared/reference/x-api-v2-examples.json): the brand is @AcmeSupport, id 1111111111.
const account = {
  brandId: 'brand-1',
  channelAccountId: 'account-1',
  externalUserId: '1111111111',
  handle: 'AcmeSupport',
};
const payload = <K extends keyof typeof examples.examples>(key: K) =>
  structuredClone(examples.examples[key].payload) as unknown;

function items(outcomes: NormaliseOutcome[]) {
  return outcomes.map((outcome) => {
    if (outcome.outcome !== 'item') throw new Error(`expected an item, got ${JSON.stringify(outcome)}`);
    return outcome.item;
  });
}

describe('normalising X v2 posts', () => {
  it('turns a filtered-stream message into a reply in the thread of its root post, with its author', () => {
    const outcome = normaliseXStreamMessage(payload('stream_message'), account);
    expect(outcome).toMatchObject({
      outcome: 'item',
      item: {
        channel: 'x',
        externalId: '1746842158494646274',
        kind: 'reply',
        conversationKind: 'public_thread',
        threadKey: 'x:thread:1746819509253046273:2222222222',
        isThreadKeyExact: true,
        text: '@AcmeSupport my order never arrived',
        language: 'en',
        sentAt: new Date('2024-01-15T10:30:00.000Z'),
        inReplyToExternalId: '1746819509253046273',
        author: {
          externalUserId: '2222222222',
          handle: 'jane_doe',
          displayName: 'Jane Doe',
          isVerified: false,
          language: 'en',
        },
        isFromAccount: false,
      },
    });
  });

  it('normalises every post of a mentions page, newest first, each with its own author only', () => {
    const [mention, reply] = items(normaliseXPostPage(payload('mentions_response_page1'), account));
    expect(mention).toMatchObject({
      externalId: '1746843416785846275',
      kind: 'mention',
      threadKey: 'x:thread:1746843416785846275:3333333333',
    });
    expect(mention?.author.handle).toBe('bob_b');
    expect(reply).toMatchObject({ externalId: '1746842158494646274', kind: 'reply' });
    expect((reply?.raw as { includes: { users: unknown[] } }).includes.users).toEqual([
      { id: '2222222222', name: 'Jane Doe', username: 'jane_doe' },
    ]);
  });

  it('normalises a search page the same way, and an empty page to nothing', () => {
    expect(items(normaliseXPostPage(payload('search_recent_response'), account))).toHaveLength(2);
    expect(normaliseXPostPage(payload('mentions_since_id_poll_empty'), account)).toEqual([]);
  });

  it('reads the followers count and verified badge when user.fields asked for them', () => {
    const message = payload('stream_message') as { includes: { users: Record<string, unknown>[] } };
    Object.assign(message.includes.users[0] as object, {
      verified: true,
      public_metrics: { followers_count: 1234 },
    });
    const outcome = normaliseXStreamMessage(message, account);
    expect(outcome).toMatchObject({ item: { author: { followersCount: 1234, isVerified: true } } });
  });
});

describe('classifying posts', () => {
  const base = { authorId: '2222222222', account };
  it.each([
    ['a plain mention', [], 'mention'],
    ['a reply', [{ type: 'replied_to', id: '1' }], 'reply'],
    ['a quote', [{ type: 'quoted', id: '1' }], 'quote'],
    ['a retweet', [{ type: 'retweeted', id: '1' }], 'retweet'],
  ])('classifies %s', (_label, references, expected) => {
    expect(classifyXPost({ ...base, references })).toBe(expected);
  });

  it('classifies the account’s own post as an answer whatever it references', () => {
    expect(
      classifyXPost({ authorId: '1111111111', references: [{ type: 'replied_to', id: '1' }], account }),
    ).toBe('own_post');
  });

  it('keeps a retweet (stored for search), skips the brand’s own broadcast, and threads the brand’s reply with the customer it answers', () => {
    const message = payload('stream_message') as { data: Record<string, unknown> };
    const retweet = {
      ...message,
      data: { ...message.data, referenced_tweets: [{ type: 'retweeted', id: '1746819509253046273' }] },
    };
    expect(normaliseXStreamMessage(retweet, account)).toMatchObject({
      outcome: 'item',
      item: { externalId: '1746842158494646274', kind: 'retweet', accountHandle: 'AcmeSupport' },
    });

    const broadcast = {
      data: {
        ...message.data,
        author_id: '1111111111',
        in_reply_to_user_id: undefined,
        referenced_tweets: undefined,
      },
    };
    expect(normaliseXStreamMessage(broadcast, account)).toMatchObject({
      outcome: 'skipped',
      reason: 'own_broadcast',
    });

    const answer = {
      data: {
        ...message.data,
        id: '1746847694975926277',
        author_id: '1111111111',
        in_reply_to_user_id: '2222222222',
      },
    };
    expect(normaliseXStreamMessage(answer, account)).toMatchObject({
      outcome: 'item',
      item: { kind: 'own_post', isFromAccount: true, threadKey: 'x:thread:1746819509253046273:2222222222' },
    });
  });
});

describe('passing mentions', () => {
  const reply = (text: string, inReplyToUserId: string) => {
    const message = payload('stream_message') as { data: Record<string, unknown> };
    return {
      ...message,
      data: {
        ...message.data,
        text,
        in_reply_to_user_id: inReplyToUserId,
        referenced_tweets: [{ type: 'replied_to', id: '1746819509253046273' }],
      },
    };
  };

  it.each([
    [
      'a reply to another user that only carries the account in its prefix',
      '@bob @AcmeSupport lol same',
      '3333333333',
      true,
    ],
    [
      'a reply to another user that names the account in its own words',
      '@bob ask @acmesupport, they fixed mine',
      '3333333333',
      false,
    ],
    ['a reply to the account itself', '@AcmeSupport still broken', '1111111111', false],
    ['a follow-up in the author’s own thread', '@AcmeSupport still broken', '2222222222', false],
    ['a reply naming a longer handle only', '@bob @AcmeSupport see @AcmeSupportFR', '3333333333', true],
  ])('tells %s', (_label, text, inReplyToUserId, expected) => {
    const [item] = items([normaliseXStreamMessage(reply(text, inReplyToUserId), account)]);
    expect(item?.isPassingMention).toBe(expected);
  });
});

describe('dead-letter reasons', () => {
  const message = () => payload('stream_message') as { data: Record<string, unknown> };
  it.each([
    ['no data', (m: { data: Record<string, unknown> }) => ({ ...m, data: undefined }), 'missing_field:data'],
    [
      'no author',
      (m: { data: Record<string, unknown> }) => ({ ...m, data: { ...m.data, author_id: undefined } }),
      'missing_field:author_id',
    ],
    [
      'a numeric id',
      (m: { data: Record<string, unknown> }) => ({ ...m, data: { ...m.data, id: 1746842158494646 } }),
      'invalid_field:id',
    ],
    [
      'a bad date',
      (m: { data: Record<string, unknown> }) => ({ ...m, data: { ...m.data, created_at: 'yesterday' } }),
      'invalid_field:created_at',
    ],
    [
      'no thread',
      (m: { data: Record<string, unknown> }) => ({ ...m, data: { ...m.data, conversation_id: undefined } }),
      'missing_field:conversation_id',
    ],
    [
      'bad references',
      (m: { data: Record<string, unknown> }) => ({ ...m, data: { ...m.data, referenced_tweets: 'x' } }),
      'invalid_field:referenced_tweets',
    ],
  ])('dead-letters a post with %s', (_label, mutate, reason) => {
    const broken = mutate(message());
    expect(normaliseXStreamMessage(broken, account)).toEqual({ outcome: 'dead_letter', reason, raw: broken });
  });

  it('dead-letters a message that is not an object', () => {
    expect(normaliseXStreamMessage('garbage', account)).toEqual({
      outcome: 'dead_letter',
      reason: 'invalid_field:message',
      raw: 'garbage',
    });
  });
});

describe('normalising DMs', () => {
  it('turns DM events into messages of the DM conversation, oldest last as X sends them', () => {
    const [newest, oldest] = items(normaliseXDmPage(payload('dm_events_response'), account));
    expect(oldest).toMatchObject({
      externalId: '1746849708241846278',
      kind: 'direct_message',
      conversationKind: 'direct_message',
      threadKey: 'x:dm:1111111111-2222222222',
      text: 'Order 12345 please check',
      author: { externalUserId: '2222222222', handle: 'jane_doe' },
      isFromAccount: false,
    });
    expect(newest?.sentAt).toEqual(new Date('2024-01-15T11:02:00.000Z'));
  });

  it('marks a DM sent by the account as its own, and skips joins and leaves', () => {
    const page = payload('dm_events_response') as { data: Record<string, unknown>[] };
    page.data[0] = { ...page.data[0], sender_id: '1111111111' };
    page.data.push({
      id: '1746849708241846270',
      event_type: 'ParticipantsJoin',
      participant_ids: ['2222222222'],
    });
    const outcomes = items(normaliseXDmPage(page, account));
    expect(outcomes.map((item) => item.isFromAccount)).toEqual([true, false]);
  });

  it('dead-letters a DM without a conversation id', () => {
    const page = payload('dm_events_response') as { data: Record<string, unknown>[] };
    delete page.data[0]?.['dm_conversation_id'];
    expect(normaliseXDmPage(page, account)[0]).toMatchObject({
      outcome: 'dead_letter',
      reason: 'missing_field:dm_conversation_id',
    });
  });
});

describe('normalising Account Activity (webhook) events', () => {
  it('reads a v1.1 mention through its *_str ids, with the precise timestamp', () => {
    const [item] = items(normaliseAccountActivity(payload('aaa_tweet_create_event_mention'), account));
    expect(item).toMatchObject({
      externalId: '1746843416785846275',
      kind: 'mention',
      threadKey: 'x:thread:1746843416785846275:3333333333',
      isThreadKeyExact: true,
      sentAt: new Date(1705314900000),
      author: { externalUserId: '3333333333', handle: 'bob_b', displayName: 'Bob' },
    });
  });

  it('keys a v1.1 reply by the post it answers, marked inexact, and prefers extended_tweet.full_text', () => {
    const envelope = payload('aaa_tweet_create_event_mention') as {
      tweet_create_events: Record<string, unknown>[];
    };
    Object.assign(envelope.tweet_create_events[0] as object, {
      in_reply_to_status_id_str: '1746819509253046273',
      truncated: true,
      extended_tweet: { full_text: 'the whole long text' },
    });
    const [item] = items(normaliseAccountActivity(envelope, account));
    expect(item).toMatchObject({
      kind: 'reply',
      threadKey: 'x:thread:1746819509253046273:3333333333',
      isThreadKeyExact: false,
      text: 'the whole long text',
    });
  });

  it('reads a v1.1 DM and names its conversation like v2 does', () => {
    const [item] = items(normaliseAccountActivity(payload('aaa_direct_message_event'), account));
    expect(item).toMatchObject({
      externalId: '1746849708241846278',
      threadKey: directMessageThreadKey('1111111111-2222222222'),
      sentAt: new Date(1705316400000),
      author: { externalUserId: '2222222222', handle: 'jane_doe' },
    });
  });

  it('dead-letters an envelope for another user and an event without ids, and ignores other activity', () => {
    expect(
      normaliseAccountActivity({ for_user_id: '42', tweet_create_events: [] }, account)[0],
    ).toMatchObject({ reason: 'invalid_field:for_user_id' });
    expect(
      normaliseAccountActivity(
        { for_user_id: '1111111111', tweet_create_events: [{ text: 'hi' }] },
        account,
      )[0],
    ).toMatchObject({
      outcome: 'dead_letter',
      reason: 'missing_field:id_str',
    });
    expect(normaliseAccountActivity({ for_user_id: '1111111111', favorite_events: [{}] }, account)).toEqual(
      [],
    );
  });
});

describe('thread keys', () => {
  it('keys a public thread by root post and customer, and a DM by its conversation', () => {
    expect(publicThreadKey({ rootPostId: '10', customerUserId: '7' })).toBe('x:thread:10:7');
    expect(directMessageThreadKey('1-2')).toBe('x:dm:1-2');
  });

  it.each([
    ['2222222222', '1111111111', '1111111111-2222222222'],
    ['999', '1000', '999-1000'],
    ['1000', '999', '999-1000'],
  ])('names the one-to-one DM conversation of %s and %s numerically', (first, second, expected) => {
    expect(oneToOneDmConversationId(first, second)).toBe(expected);
  });
});
