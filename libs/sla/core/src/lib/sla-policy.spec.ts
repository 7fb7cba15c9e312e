import { DomainError } from '@vigie/kernel';
import {
  defaultSlaPolicySpec,
  matchesSlaConditions,
  parseSlaPolicySpec,
  type SlaConditions,
  type SlaSubject,
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
      conditions: {
        channels: [],
        conversationKinds: [],
        intents: [],
        priorities: [],
        tags: [],
        contactTiers: [],
      },
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
    [
      { ...valid, conditions: { priorities: ['normal'] } },
      'conditions.priorities has unknown values normal (allowed: urgent, high, medium, low)',
    ],
    [{ ...valid, conditions: { priorities: 'high' } }, 'conditions.priorities must be a list of strings'],
    [
      { ...valid, conditions: { contactTiers: ['gold'] } },
      'conditions.contactTiers has unknown values gold (allowed: vip, premium, standard, none)',
    ],
    [{ ...valid, conditions: { tags: ['two words'] } }, 'conditions.tags must be tags as agents set them'],
    [{ ...valid, conditions: { tags: [7] } }, 'conditions.tags must be a list of strings'],
    [
      { ...valid, conditions: { priority: ['high'] } },
      'conditions has unknown keys priority (allowed: channels, conversationKinds, intents, priorities, tags, contactTiers)',
    ],
    [{ ...valid, conditions: ['x'] }, 'conditions must be an object'],
    [
      { ...valid, conditions: { tags: Array.from({ length: 51 }, (_, index) => `t${index}`) } },
      'conditions.tags must list at most 50 values',
    ],
    ['nope', 'the body must be an object'],
  ])('refuses %p with a message naming the field', (input, fragment) => {
    const message = messageOf(input);
    expect(message).toContain('Invalid SLA policy: ');
    expect(message).toContain(fragment);
  });
});

describe('SLA policy conditions', () => {
  const complaint: SlaSubject = {
    channel: 'x',
    conversationKind: 'public_thread',
    intent: 'complaint',
    priority: 'high',
    tags: ['fibre', 'facturation'],
    contactTier: 'vip',
  };
  const cases: [SlaConditions, boolean][] = [
    [{}, true],
    [{ channels: ['x'] }, true],
    [{ conversationKinds: ['direct_message'] }, false],
    [{ intents: ['complaint', 'outage_report'] }, true],
    [{ intents: ['praise'] }, false],
    [{ priorities: ['urgent', 'high'] }, true],
    [{ priorities: ['urgent'] }, false],
    [{ tags: ['mobile', 'fibre'] }, true],
    [{ tags: ['mobile'] }, false],
    [{ contactTiers: ['vip', 'premium'] }, true],
    [{ contactTiers: ['standard', 'none'] }, false],
    [{ priorities: ['high'], tags: ['fibre'], contactTiers: ['vip'], intents: ['complaint'] }, true],
    [{ priorities: ['high'], tags: ['fibre'], contactTiers: ['premium'] }, false],
    [{ priorities: [], tags: [], contactTiers: [] }, true],
  ];
  it.each(cases)(
    'conditions %p match a high-priority VIP complaint tagged fibre: %p',
    (conditions, expected) => {
      expect(matchesSlaConditions(conditions, complaint)).toBe(expected);
    },
  );

  it.each([
    [{ priorities: ['medium'] }, false, 'no priority (not routed) matches no priority list'],
    [{ contactTiers: ['none'] }, true, '"none" stands for a contact without a tier'],
    [{ contactTiers: ['standard'] }, false, 'a tier list without "none" needs a tier'],
    [{ tags: ['fibre'] }, false, 'a tag list needs at least one tag'],
  ] as [SlaConditions, boolean, string][])(
    '%p on an untagged, unrouted contact without an account: %p (%s)',
    (conditions, expected) => {
      expect(
        matchesSlaConditions(conditions, { ...complaint, priority: null, tags: [], contactTier: null }),
      ).toBe(expected);
    },
  );

  it('stores condition tags as the inbox stores tags: trimmed, lower-cased, once each', () => {
    expect(
      parseSlaPolicySpec({ ...valid, conditions: { tags: [' Fibre', 'fibre', 'VIP_2'] } }).conditions.tags,
    ).toEqual(['fibre', 'vip_2']);
  });
});
