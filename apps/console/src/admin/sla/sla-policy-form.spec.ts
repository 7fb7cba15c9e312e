import { type SlaPolicyView } from '@vigie/contracts';
import { policyBodyOf, saveNameFor, withSavedPolicy } from './sla-policy-body';
import { parseSlaPolicyDraft, type SlaPolicyDraft, slaPolicyDraftOf } from './sla-policy-form';

const view: SlaPolicyView = {
  id: 'policy-1',
  brandId: 'brand-1',
  name: 'VIP',
  position: 2,
  version: 4,
  spec: {
    conditions: { contactTiers: ['vip'], priorities: ['urgent', 'high'], tags: ['press'] },
    calendar: { timezone: 'Europe/Paris', weekly: { mon: [['09:00', '19:00']] }, holidays: ['2026-12-25'] },
    targets: {
      first_response: { minutes: 15, hours: 'business', isPausedWhenPending: true },
      resolution: { minutes: 2880, hours: 'calendar', isPausedWhenPending: false },
    },
    customerPromiseMinutes: 60,
    warningFractions: [0.5, 0.8],
    escalation: ['notify', 'raise_priority'],
    outOfHours: { isEnabled: true, templates: { fr: 'Retour {reopensAt}.', en: 'Back {reopensAt}.' } },
  },
  updatedAt: '2026-11-01T00:00:00.000Z',
};
const defaultView: SlaPolicyView = {
  ...view,
  id: null,
  name: 'Default (Mon-Fri 09:00-19:00 Paris)',
  position: 0,
};

function parse(draft: SlaPolicyDraft, otherNames: string[] = []) {
  return parseSlaPolicyDraft({ draft, base: view, otherNames });
}

describe('the SLA policy form', () => {
  it('writes back what it read, with the calendar and templates untouched', () => {
    const parsed = parse(slaPolicyDraftOf(view, { isNew: false }));
    expect(parsed).toEqual({
      kind: 'ok',
      name: 'VIP',
      body: {
        position: 2,
        conditions: {
          channels: [],
          conversationKinds: [],
          intents: [],
          priorities: ['urgent', 'high'],
          tags: ['press'],
          contactTiers: ['vip'],
        },
        calendar: view.spec.calendar,
        targets: view.spec.targets,
        customerPromiseMinutes: 60,
        warningFractions: [0.5, 0.8],
        escalation: ['notify', 'raise_priority'],
        outOfHours: view.spec.outOfHours,
      },
    });
  });

  it('starts a new policy without a name or conditions, at the given position', () => {
    const draft = slaPolicyDraftOf(view, { isNew: true, position: 3 });
    expect(draft).toMatchObject({ name: '', position: '3', priorities: [], contactTiers: [], tags: '' });
    expect(draft.targets.first_response).toEqual({
      isEnabled: true,
      minutes: '15',
      hours: 'business',
      isPausedWhenPending: true,
    });
    expect(draft.targets.next_response.isEnabled).toBe(false);
  });

  it('reads warnings in percent, sorted and without repeats', () => {
    const draft = { ...slaPolicyDraftOf(view, { isNew: false }), warningPercents: '90, 25, 90' };
    const parsed = parse(draft);
    expect(parsed.kind === 'ok' && parsed.body.warningFractions).toEqual([0.25, 0.9]);
  });

  it.each([
    ['a name with a bracket', { name: 'Default (copy)' }, { name: 'policyName' }],
    ['a name already taken', { name: 'urgent' }, { name: 'duplicate' }],
    ['a position past 1000', { position: '1001' }, { position: 'position' }],
    ['a tag with a space', { tags: 'vip client' }, { tags: 'tags' }],
    ['a promise of 0 minutes', { customerPromiseMinutes: '0' }, { customerPromiseMinutes: 'minutes' }],
    ['a warning at 100 %', { warningPercents: '50, 100' }, { warningPercents: 'warnings' }],
    ['six warnings', { warningPercents: '10, 20, 30, 40, 50, 60' }, { warningPercents: 'warnings' }],
  ])('refuses %s', (_what, changes, problems) => {
    expect(parse({ ...slaPolicyDraftOf(view, { isNew: false }), ...changes }, ['Urgent'])).toEqual({
      kind: 'invalid',
      problems,
    });
  });

  it('requires a first-response target and whole minutes', () => {
    const draft = slaPolicyDraftOf(view, { isNew: false });
    expect(
      parse({
        ...draft,
        targets: { ...draft.targets, first_response: { ...draft.targets.first_response, isEnabled: false } },
      }),
    ).toEqual({ kind: 'invalid', problems: { 'targets.first_response': 'firstResponseRequired' } });
    expect(
      parse({
        ...draft,
        targets: { ...draft.targets, resolution: { ...draft.targets.resolution, minutes: '1.5' } },
      }),
    ).toEqual({ kind: 'invalid', problems: { 'targets.resolution': 'minutes' } });
  });
});

describe('saving part of a policy', () => {
  it('sends the stored policy back with only the part changed', () => {
    const outOfHours = { isEnabled: false, templates: { fr: 'Fermé {reopensAt}', en: 'Closed {reopensAt}' } };
    expect(policyBodyOf(view, { outOfHours })).toEqual({ position: 2, ...view.spec, outOfHours });
  });

  it('saves the built-in default under the name typed, a stored policy under its own', () => {
    expect(saveNameFor(view, 'ignored')).toBe('VIP');
    expect(saveNameFor(defaultView, ' Standard ')).toBe('Standard');
    expect(saveNameFor(defaultView, 'Default (Mon-Fri)')).toBeNull();
  });

  it('shows a saved policy in place of its previous version, or of the built-in default, in matching order', () => {
    const urgent: SlaPolicyView = { ...view, id: 'policy-2', name: 'Urgent', position: 1 };
    const saved: SlaPolicyView = { ...view, version: 5, position: 0 };
    expect(withSavedPolicy([urgent, view], saved)).toEqual([saved, urgent]);
    const standard: SlaPolicyView = { ...view, id: 'policy-3', name: 'Standard', version: 1, position: 0 };
    expect(withSavedPolicy([defaultView], standard)).toEqual([standard]);
  });
});
