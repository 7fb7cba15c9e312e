import {
  isConversationId,
  maySeePresenceOf,
  presenceSnapshot,
  RoleConversationAccess,
  viewersOf,
} from './conversation-presence';
import type { SocketIdentity } from './socket-authenticator';

const person = (
  userId: string,
  displayName: string,
  overrides: Partial<SocketIdentity> = {},
): SocketIdentity => ({
  userId,
  sessionId: `session-${userId}`,
  displayName,
  role: 'agent',
  teamIds: [],
  ...overrides,
});

const conversationId = '0b8c3f0e-8c1d-4d7e-9a51-2f0f5b1d9c11';

describe('conversation viewers', () => {
  it('lists each user once, sorted by name, typing when any of their sockets types', () => {
    const lea = person('u2', 'Léa');
    const camille = person('u1', 'Camille');
    expect(
      viewersOf(
        [
          { identity: lea, viewing: conversationId, isTyping: false },
          { identity: camille, viewing: conversationId },
          { identity: lea, viewing: conversationId, isTyping: true },
        ],
        conversationId,
      ),
    ).toEqual([
      { userId: 'u1', displayName: 'Camille', isTyping: false },
      { userId: 'u2', displayName: 'Léa', isTyping: true },
    ]);
  });

  it('ignores sockets that moved to another conversation', () => {
    expect(viewersOf([{ identity: person('u1', 'Camille'), viewing: null }], conversationId)).toEqual([]);
  });

  it.each([
    [conversationId, true],
    ['conversation:x', false],
    ['', false],
    [42, false],
    [undefined, false],
  ])('accepts %p as a conversation id: %p', (value, expected) => {
    expect(isConversationId(value)).toBe(expected);
  });

  it.each([
    ['agent', true],
    ['supervisor', true],
    ['admin', true],
    ['ops', false],
  ] as const)('lets a %s view conversations: %p', async (role, expected) => {
    expect(await new RoleConversationAccess().mayView(person('u1', 'X', { role }))).toBe(expected);
  });
});

describe('presence snapshot', () => {
  const camille = person('u1', 'Camille', { teamIds: ['fr'] });
  const sam = person('u3', 'Sam', { teamIds: ['en'] });
  const hugo = person('u4', 'Hugo', { role: 'supervisor', teamIds: ['fr', 'en'] });

  it('shows supervisors everyone and agents only their teammates', () => {
    expect(maySeePresenceOf(hugo, sam)).toBe(true);
    expect(maySeePresenceOf(camille, sam)).toBe(false);
    expect(maySeePresenceOf(camille, hugo)).toBe(true);
  });

  it('lists each visible user once, online, without the viewer', () => {
    const at = '2026-11-23T09:00:00.000Z';
    expect(presenceSnapshot({ viewer: hugo, connected: [hugo, camille, camille, sam], at })).toEqual([
      { userId: 'u1', displayName: 'Camille', role: 'agent', status: 'online', at },
      { userId: 'u3', displayName: 'Sam', role: 'agent', status: 'online', at },
    ]);
    expect(presenceSnapshot({ viewer: camille, connected: [hugo, camille, sam], at })).toEqual([
      { userId: 'u4', displayName: 'Hugo', role: 'supervisor', status: 'online', at },
    ]);
  });
});
