import { BusinessCalendar } from './business-calendar.calculator';
import {
  autoAnswerLanguageFor,
  decideOutOfHoursAnswer,
  formatReopening,
  renderAutoAnswer,
} from './out-of-hours.rules';
import { defaultSlaPolicySpec } from './sla-policy';

const at = (iso: string): Date => new Date(iso);
const calendar = new BusinessCalendar(defaultSlaPolicySpec.calendar);

function decide(overrides: Partial<Parameters<typeof decideOutOfHoursAnswer>[0]> = {}) {
  const written = overrides.at ?? at('2026-11-20T19:30:00+01:00');
  return decideOutOfHoursAnswer({
    calendar,
    isEnabled: true,
    needsReply: true,
    messageKind: 'mention',
    at: written,
    now: written,
    answeredPeriodKeys: [],
    ...overrides,
  });
}

describe('the out-of-hours answer decision', () => {
  it('answers a Friday 19:30 mention publicly, naming Monday 09:00', () => {
    expect(decide()).toEqual({
      kind: 'answer',
      mode: 'public_reply',
      reopensAt: at('2026-11-23T09:00:00+01:00'),
      periodKey: '2026-11-23T08:00:00.000Z',
    });
  });

  it.each([
    [{ at: at('2026-11-20T18:50:00+01:00') }, 'open'],
    [{ isEnabled: false }, 'disabled'],
    [{ needsReply: false }, 'no_reply_needed'],
    [{ messageKind: 'reply' }, 'x_reply_rule'],
    [{ now: at('2026-11-20T20:00:00+01:00') }, 'stale'],
    [{ answeredPeriodKeys: ['2026-11-23T08:00:00.000Z'] }, 'already_answered_this_period'],
    [{ at: at('2026-11-20T18:59:30+01:00'), now: at('2026-11-20T19:00:30+01:00') }, 'open'],
  ])('skips when %p: %s', (overrides, reason) => {
    expect(decide(overrides)).toEqual({ kind: 'skip', reason });
  });

  it('answers a direct message by DM and a quote publicly', () => {
    expect(decide({ messageKind: 'direct_message' })).toMatchObject({
      kind: 'answer',
      mode: 'direct_message',
    });
    expect(decide({ messageKind: 'quote' })).toMatchObject({ kind: 'answer', mode: 'public_reply' });
  });

  it('answers again in the next closed period', () => {
    const saturdayNextWeek = at('2026-11-28T10:00:00+01:00');
    expect(
      decide({
        at: saturdayNextWeek,
        now: saturdayNextWeek,
        answeredPeriodKeys: ['2026-11-23T08:00:00.000Z'],
      }),
    ).toMatchObject({
      kind: 'answer',
      periodKey: '2026-11-30T08:00:00.000Z',
    });
  });
});

describe('the out-of-hours text', () => {
  it.each([
    ['fr', '2026-11-20T19:30:00+01:00', '2026-11-23T09:00:00+01:00', 'lundi à 9h'],
    ['fr', '2026-11-23T20:00:00+01:00', '2026-11-24T09:30:00+01:00', 'demain à 9h30'],
    ['fr', '2026-11-23T07:00:00+01:00', '2026-11-23T09:00:00+01:00', "aujourd'hui à 9h"],
    ['fr', '2026-12-24T20:00:00+01:00', '2027-01-04T09:00:00+01:00', 'le lundi 4 janvier à 9h'],
    ['en', '2026-11-20T19:30:00+01:00', '2026-11-23T09:00:00+01:00', 'on Monday at 9:00'],
    ['en', '2026-11-23T20:00:00+01:00', '2026-11-24T09:30:00+01:00', 'tomorrow at 9:30'],
  ] as const)('in %s, written %s, back %s: "%s"', (language, now, reopensAt, text) => {
    expect(
      formatReopening({ reopensAt: at(reopensAt), now: at(now), timezone: 'Europe/Paris', language }),
    ).toBe(text);
  });

  it('fills the brand template and never anything else', () => {
    expect(renderAutoAnswer('Nous revenons {reopensAt}. {text}', { reopensAt: 'lundi à 9h' })).toBe(
      'Nous revenons lundi à 9h. {text}',
    );
  });

  it.each([
    ['en-GB', 'fr', 'en'],
    ['de', 'en', 'en'],
    [null, 'de', 'fr'],
    ['FR', null, 'fr'],
  ])(
    'picks the template language for customer %p and brand %p: %s',
    (customerLanguage, brandLanguage, expected) => {
      expect(autoAnswerLanguageFor({ customerLanguage, brandLanguage })).toBe(expected);
    },
  );
});
