import { type InboxFilters, type Role } from '@vigie/contracts';
import {
  conversationPagePath,
  hasFilters,
  listKey,
  type MembershipEvent,
  mergesEvents,
  parseFilters,
  parseView,
  refreshesOn,
  viewsFor,
} from './inbox-views';

const stateViews = ['at_risk', 'breached', 'pending', 'snoozed', 'resolved'];

describe('viewsFor', () => {
  it.each<{ role: Role; expected: string[] }>([
    { role: 'agent', expected: ['mine', 'unassigned', 'team', ...stateViews, 'all'] },
    { role: 'supervisor', expected: ['unassigned', 'team', ...stateViews, 'all'] },
    { role: 'ops', expected: [...stateViews, 'all'] },
    { role: 'admin', expected: ['unassigned', ...stateViews, 'all'] },
  ])('shows $role the views $expected', ({ role, expected }) => {
    expect(viewsFor(role)).toEqual(expected);
  });
});

describe('parseView', () => {
  it.each<[string, Role, string]>([
    ['all', 'agent', 'all'],
    ['mine', 'agent', 'mine'],
    ['unassigned', 'agent', 'unassigned'],
    ['team', 'agent', 'team'],
    ['breached', 'agent', 'breached'],
    ['at_risk', 'ops', 'at_risk'],
    ['unassigned', 'supervisor', 'unassigned'],
    ['team', 'supervisor', 'team'],
  ])('opens %p for an %s', (value, role, expected) => {
    expect(parseView(value, role)).toBe(expected);
  });

  // Views the role cannot open open "all" rather than a list the API would refuse.
  it.each<[string | null, Role]>([
    [null, 'agent'],
    ['', 'agent'],
    ['slaBoard', 'agent'],
    ['ALL', 'agent'],
    ['mine', 'supervisor'],
    ['team', 'admin'],
    ['mine', 'ops'],
    ['unassigned', 'ops'],
  ])('opens "all" for %p as %s', (value, role) => {
    expect(parseView(value, role)).toBe('all');
  });
});

describe('parseFilters', () => {
  it('reads every filter from the URL, normalized', () => {
    const params = new URLSearchParams(
      'view=all&brandId=0b7e2c6a-5d7f-4c1e-9a8b-3f2d1e0c9b8a&channel=x&language=FR&intent=complaint&priority=high&tag=%20VIP%20&q=%20réseau%20lyon%20',
    );
    expect(parseFilters(params)).toEqual({
      brandId: '0b7e2c6a-5d7f-4c1e-9a8b-3f2d1e0c9b8a',
      channel: 'x',
      language: 'fr',
      intent: 'complaint',
      priority: 'high',
      tag: 'vip',
      q: 'réseau lyon',
    });
  });

  it('drops what the API would refuse rather than send it', () => {
    expect(
      parseFilters(
        new URLSearchParams(
          'brandId=vigie&channel=mastodon&language=fra&intent=rant&priority=asap&q=%21%21&tag=',
        ),
      ),
    ).toEqual({});
  });
});

describe('list paths and keys', () => {
  const filters: InboxFilters = { intent: 'complaint', q: 'réseau' };

  it('reads every view from the inbox list API, with its filters and the cursor', () => {
    expect(conversationPagePath({ view: 'all', filters: {}, cursor: null, limit: 100 })).toBe(
      '/api/inbox/conversations?view=all&limit=100',
    );
    expect(conversationPagePath({ view: 'breached', filters, cursor: 'a+b', limit: 50 })).toBe(
      '/api/inbox/conversations?view=breached&intent=complaint&q=r%C3%A9seau&limit=50&cursor=a%2Bb',
    );
  });

  it('names a list by its view and filters, whatever order the filters were set in', () => {
    expect(listKey('mine', { q: 'x1', intent: 'question' })).toBe(
      listKey('mine', { intent: 'question', q: 'x1' }),
    );
    expect(listKey('mine', {})).not.toBe(listKey('all', {}));
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ tag: 'vip' })).toBe(true);
  });
});

describe('how a list follows the socket', () => {
  it('merges events itself only in unfiltered "All"', () => {
    expect(mergesEvents('all', {})).toBe(true);
    expect(mergesEvents('all', { q: 'panne' })).toBe(false);
    expect(mergesEvents('mine', {})).toBe(false);
  });

  const events: MembershipEvent[] = [
    'conversation.created',
    'message.received',
    'conversation.updated',
    'conversation.assigned',
    'queue.changed',
    'sla.updated',
    'sla.warning',
    'sla.breached',
  ];
  const refreshing = (view: Parameters<typeof refreshesOn>[0]['view'], filters: InboxFilters = {}) =>
    events.filter((event) => refreshesOn({ view, filters, event }));

  it.each<[Parameters<typeof refreshesOn>[0]['view'], InboxFilters, MembershipEvent[]]>([
    ['all', {}, []],
    ['all', { q: 'panne' }, ['conversation.created', 'message.received', 'conversation.updated']],
    ['mine', {}, ['conversation.created', 'conversation.updated', 'conversation.assigned', 'queue.changed']],
    [
      'unassigned',
      {},
      [
        'conversation.created',
        'message.received',
        'conversation.updated',
        'conversation.assigned',
        'queue.changed',
      ],
    ],
    [
      'breached',
      {},
      ['conversation.created', 'conversation.updated', 'sla.updated', 'sla.warning', 'sla.breached'],
    ],
    ['resolved', {}, ['conversation.created', 'message.received', 'conversation.updated']],
  ])('%s %p reads its first page again on %p', (view, filters, expected) => {
    expect(refreshing(view, filters)).toEqual(expected);
  });
});
