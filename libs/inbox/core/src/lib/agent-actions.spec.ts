import { changeStatus, checkReplyText, isSnoozeOver, normaliseTags } from './agent-actions';
import type { ConversationState } from './conversation-rules';

const now = new Date('2026-03-10T10:00:00Z');
const open: ConversationState = {
  status: 'open',
  resolvedAt: null,
  waitingSince: new Date('2026-03-10T09:00:00Z'),
};
const resolved: ConversationState = {
  status: 'resolved',
  resolvedAt: new Date('2026-03-09T10:00:00Z'),
  waitingSince: null,
};
const inOneHour = new Date('2026-03-10T11:00:00Z');

describe('checkReplyText', () => {
  it.each([
    ['a short reply', 'public_reply', true, 13],
    ['x'.repeat(280), 'public_reply', true, 280],
    ['x'.repeat(281), 'public_reply', false, 281],
    // A URL counts 23 whatever its length (t.co).
    [`Voir https://example.com/${'a'.repeat(300)}`, 'public_reply', true, 28],
    // CJK characters weigh 2.
    ['日'.repeat(141), 'public_reply', false, 282],
    ['x'.repeat(281), 'direct_message', true, 281],
    ['x'.repeat(10_001), 'direct_message', false, 10_001],
  ] as const)('measures %#: valid=%s, weighted length %s', (text, mode, isValid, weightedLength) => {
    const check = checkReplyText({ text, mode });
    expect(check.isValid).toBe(isValid);
    expect(check.weightedLength).toBe(weightedLength);
  });

  it('refuses whitespace-only text as empty', () => {
    expect(checkReplyText({ text: '  \n ', mode: 'public_reply' })).toMatchObject({
      isValid: false,
      reason: 'empty',
    });
  });
});

describe('changeStatus', () => {
  it('snoozes until a future time and keeps the customer waiting', () => {
    const change = changeStatus({
      state: open,
      snoozedUntil: null,
      to: 'snoozed',
      requestedSnoozedUntil: inOneHour,
      now,
    });
    expect(change).toEqual({
      isAllowed: true,
      state: { ...open, status: 'snoozed' },
      snoozedUntil: inOneHour,
      isChanged: true,
    });
  });

  it.each([
    ['no wake-up time', null, 'Snoozing needs snoozedUntil.'],
    ['a wake-up time in the past', new Date('2026-03-10T09:59:59Z'), 'snoozedUntil must be in the future.'],
    [
      'more than 90 days',
      new Date('2026-06-09T10:00:01Z'),
      'A conversation can be snoozed for at most 90 days.',
    ],
  ])('refuses a snooze with %s', (_label, requestedSnoozedUntil, reason) => {
    expect(
      changeStatus({ state: open, snoozedUntil: null, to: 'snoozed', requestedSnoozedUntil, now }),
    ).toEqual({
      isAllowed: false,
      reason,
    });
  });

  it('refuses to snooze a resolved conversation and a wake-up time for another status', () => {
    expect(
      changeStatus({
        state: resolved,
        snoozedUntil: null,
        to: 'snoozed',
        requestedSnoozedUntil: inOneHour,
        now,
      }),
    ).toMatchObject({ isAllowed: false });
    expect(
      changeStatus({ state: open, snoozedUntil: null, to: 'pending', requestedSnoozedUntil: inOneHour, now }),
    ).toMatchObject({ isAllowed: false });
  });

  it('resolves: the wait stops and the resolution time is now', () => {
    expect(
      changeStatus({ state: open, snoozedUntil: null, to: 'resolved', requestedSnoozedUntil: null, now }),
    ).toEqual({
      isAllowed: true,
      state: { status: 'resolved', resolvedAt: now, waitingSince: null },
      snoozedUntil: null,
      isChanged: true,
    });
  });

  it('reopens a resolved conversation as open or pending', () => {
    expect(
      changeStatus({ state: resolved, snoozedUntil: null, to: 'open', requestedSnoozedUntil: null, now }),
    ).toMatchObject({ state: { status: 'open', resolvedAt: null }, isChanged: true });
    expect(
      changeStatus({ state: resolved, snoozedUntil: null, to: 'pending', requestedSnoozedUntil: null, now }),
    ).toMatchObject({ state: { status: 'pending', resolvedAt: null }, isChanged: true });
  });

  it('wakes a snoozed conversation when set open, and clears the wake-up time', () => {
    const snoozed = { ...open, status: 'snoozed' as const };
    expect(
      changeStatus({ state: snoozed, snoozedUntil: inOneHour, to: 'open', requestedSnoozedUntil: null, now }),
    ).toEqual({ isAllowed: true, state: open, snoozedUntil: null, isChanged: true });
  });

  it('changes nothing when asked for the status it has', () => {
    expect(
      changeStatus({ state: open, snoozedUntil: null, to: 'open', requestedSnoozedUntil: null, now }),
    ).toMatchObject({
      isChanged: false,
    });
  });
});

describe('isSnoozeOver', () => {
  it.each([
    ['snoozed', inOneHour, false],
    ['snoozed', now, true],
    ['open', now, false],
    ['snoozed', null, false],
  ] as const)('%s until %s → %s', (status, snoozedUntil, expected) => {
    expect(isSnoozeOver({ status, snoozedUntil, now })).toBe(expected);
  });
});

describe('normaliseTags', () => {
  it('trims, lower-cases and de-duplicates, keeping the order', () => {
    expect(normaliseTags([' Fibre', 'fibre ', 'Île-de-France', 'vip_2'])).toEqual([
      'fibre',
      'île-de-france',
      'vip_2',
    ]);
  });

  it.each([[''], ['-lead'], ['<b>'], ['two words'], ['x'.repeat(41)]])('refuses %j', (tag) => {
    expect(() => normaliseTags([tag])).toThrow('Tags are 1 to 40 letters');
  });

  it('refuses more than 20 tags', () => {
    expect(() => normaliseTags(Array.from({ length: 21 }, (_, index) => `t${index}`))).toThrow(
      'at most 20 tags',
    );
  });
});
