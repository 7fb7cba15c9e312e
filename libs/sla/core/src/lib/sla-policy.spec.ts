import { DomainError } from '@vigie/kernel';
import {
  defaultSlaPolicySpec,
  matchesSlaConditions,
  parseSlaPolicySpec,
  type SlaConditions,
} from './sla-policy';

const valid = {
  calendar: {
    timezone: 'Europe/Paris',
    weekly: {
      mon: [
        ['09:00', '12:00'],
        ['14:00', '18:00'],
      ],
    },
  },
  targets: { first_response: { minutes: 30, hours: 'business' } },
};

function messageOf(input: unknown): string {
  try {
    parseSlaPolicySpec(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
  throw new Error('expected the policy to be refused');
}

describe('SLA policy validation', () => {
  it('fills defaults for a minimal policy', () => {
    expect(parseSlaPolicySpec(valid)).toMatchObject({
      targets: { first_response: { minutes: 30, hours: 'business', isPausedWhenPending: true } },
      customerPromiseMinutes: 60,
      warningFractions: [0.5, 0.8],
      escalation: ['notify'],
      outOfHours: { isEnabled: true },
    });
  });

  it('accepts the default policy as it is', () => {
    expect(parseSlaPolicySpec(defaultSlaPolicySpec)).toEqual({
      ...defaultSlaPolicySpec,
      conditions: { channels: [], conversationKinds: [], intents: [] },
    });
  });

  it.each([
    [
      { ...valid, calendar: { timezone: 'Mars/Olympus', weekly: {} } },
      'calendar: Invalid business calendar: ',
    ],
    [
      { ...valid, calendar: { timezone: 'Europe/Paris', weekly: { mon: [['9:00', '12:00']] } } },
      'weekly.mon',
    ],
    [{ ...valid, calendar: { timezone: 'Europe/Paris', weekly: { mon: [['12:00', '09:00']] } } }, 'calendar'],
    [{ ...valid, targets: {} }, 'targets.first_response is required'],
    [
      { ...valid, targets: { first_reply: { minutes: 5, hours: 'business' } } },
      'unknown metrics first_reply',
    ],
    [
      { ...valid, targets: { first_response: { minutes: 0, hours: 'business' } } },
      'targets.first_response.minutes',
    ],
    [
      { ...valid, targets: { first_response: { minutes: 5, hours: 'office' } } },
      'targets.first_response.hours',
    ],
    [{ ...valid, warningFractions: [0.5, 1.2] }, 'warningFractions'],
    [{ ...valid, escalation: ['page_the_ceo'] }, 'escalation has unknown values page_the_ceo'],
    [
      { ...valid, outOfHours: { isEnabled: true, templates: { fr: 'Bonjour', en: 'Back {reopensAt}' } } },
      '{reopensAt}',
    ],
    [{ ...valid, conditions: { conversationKinds: ['email'] } }, 'conditions.conversationKinds'],
    ['nope', 'the body must be an object'],
  ])('refuses %p with a message naming the field', (input, fragment) => {
    const message = messageOf(input);
    expect(message).toContain('Invalid SLA policy: ');
    expect(message).toContain(fragment);
  });
});

describe('SLA policy conditions', () => {
  const cases: [SlaConditions, boolean][] = [
    [{}, true],
    [{ channels: ['x'] }, true],
    [{ conversationKinds: ['direct_message'] }, false],
    [{ intents: ['complaint', 'outage_report'] }, true],
    [{ intents: ['praise'] }, false],
  ];
  it.each(cases)('conditions %p match an X public complaint: %p', (conditions, expected) => {
    expect(
      matchesSlaConditions(conditions, {
        channel: 'x',
        conversationKind: 'public_thread',
        intent: 'complaint',
      }),
    ).toBe(expected);
  });
});
