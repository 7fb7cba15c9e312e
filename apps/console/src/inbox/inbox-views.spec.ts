import { type ConversationSummary, type Role } from '@vigie/contracts';
import { conversationPagePath, mayJoinOnMessage, navigationFor, parseView } from './inbox-views';

function labels(role: Role): string[] {
  return navigationFor(role).map((item) => (item.kind === 'view' ? item.view : item.section));
}

describe('navigationFor', () => {
  it.each<{ role: Role; expected: string[] }>([
    { role: 'agent', expected: ['mine', 'unassigned', 'all'] },
    { role: 'supervisor', expected: ['unassigned', 'all', 'slaBoard'] },
    { role: 'ops', expected: ['all', 'slaBoard'] },
    { role: 'admin', expected: ['unassigned', 'all', 'slaBoard', 'administration'] },
  ])('shows $role the sections $expected', ({ role, expected }) => {
    expect(labels(role)).toEqual(expected);
  });

  it('marks the SLA board and administration as upcoming', () => {
    const upcoming = navigationFor('admin').filter((item) => item.kind === 'upcoming');
    expect(upcoming).toHaveLength(2);
  });
});

describe('parseView', () => {
  it.each<[string, Role, string]>([
    ['all', 'agent', 'all'],
    ['mine', 'agent', 'mine'],
    ['unassigned', 'agent', 'unassigned'],
    ['unassigned', 'supervisor', 'unassigned'],
  ])('opens %p for an %s', (value, role, expected) => {
    expect(parseView(value, role)).toBe(expected);
  });

  // Views the role cannot open, or without an API behind them yet, open "all" rather than a list that lies.
  it.each<[string | null, Role]>([
    [null, 'agent'],
    ['', 'agent'],
    ['slaBoard', 'agent'],
    ['ALL', 'agent'],
    ['team', 'agent'],
    ['mine', 'supervisor'],
    ['mine', 'ops'],
    ['unassigned', 'ops'],
  ])('opens "all" for %p as %s', (value, role) => {
    expect(parseView(value, role)).toBe('all');
  });
});

describe('conversationPagePath', () => {
  it('reads "All" from the inbox list, with the cursor when there is one', () => {
    expect(conversationPagePath({ view: 'all', cursor: null, limit: 100 })).toBe(
      '/api/conversations?limit=100',
    );
    expect(conversationPagePath({ view: 'all', cursor: 'abc', limit: 100 })).toBe(
      '/api/conversations?limit=100&cursor=abc',
    );
  });

  it.each(['mine', 'unassigned'] as const)('reads "%s" from routing’s inbox', (view) => {
    expect(conversationPagePath({ view, cursor: 'a+b', limit: 50 })).toBe(
      `/api/routing/inbox?limit=50&cursor=a%2Bb&view=${view}`,
    );
  });
});

describe('mayJoinOnMessage', () => {
  const summary = (changes: Partial<ConversationSummary>) =>
    ({ needsReply: true, status: 'open', ...changes }) as ConversationSummary;

  it.each<[string, Parameters<typeof mayJoinOnMessage>[0], Partial<ConversationSummary>, boolean]>([
    ['a waiting customer in Unassigned', 'unassigned', {}, true],
    ['a thank-you that needs no reply', 'unassigned', { needsReply: false }, false],
    ['a resolved conversation', 'unassigned', { status: 'resolved' }, false],
    ['Mine (joins only by assignment)', 'mine', {}, false],
    ['All (merges the event itself)', 'all', {}, false],
  ])('%s → %p', (_case, view, changes, expected) => {
    expect(mayJoinOnMessage(view, summary(changes))).toBe(expected);
  });
});
