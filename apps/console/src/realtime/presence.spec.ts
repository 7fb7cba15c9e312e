import { type AgentPresenceChanged } from '@vigie/contracts';
import { type OnlineColleague, applyPresenceChange, applyPresenceSnapshot } from './presence';

const selfUserId = 'user-self';

function change(overrides: Partial<AgentPresenceChanged>): AgentPresenceChanged {
  return {
    userId: 'user-camille',
    displayName: 'Camille Martin',
    role: 'agent',
    status: 'online',
    at: '2025-03-10T09:00:00.000Z',
    ...overrides,
  };
}

function replay(changes: AgentPresenceChanged[]): OnlineColleague[] {
  return changes.reduce<OnlineColleague[]>(
    (colleagues, next) => applyPresenceChange({ colleagues, change: next, selfUserId }),
    [],
  );
}

describe('applyPresenceChange', () => {
  it('adds a colleague who comes online', () => {
    expect(replay([change({})])).toEqual([
      {
        userId: 'user-camille',
        displayName: 'Camille Martin',
        role: 'agent',
        status: 'online',
        at: '2025-03-10T09:00:00.000Z',
      },
    ]);
  });

  it('updates a colleague who goes away instead of listing them twice', () => {
    const colleagues = replay([change({}), change({ status: 'away', at: '2025-03-10T09:05:00.000Z' })]);
    expect(colleagues.map((colleague) => colleague.status)).toEqual(['away']);
  });

  it('removes a colleague who goes offline', () => {
    expect(replay([change({}), change({ status: 'offline', at: '2025-03-10T09:05:00.000Z' })])).toEqual([]);
  });

  it('never lists the signed-in user', () => {
    expect(replay([change({ userId: selfUserId })])).toEqual([]);
  });

  it('ignores an event older than the one already applied', () => {
    const colleagues = replay([
      change({ status: 'away', at: '2025-03-10T09:05:00.000Z' }),
      change({ status: 'offline', at: '2025-03-10T09:00:00.000Z' }),
    ]);
    expect(colleagues.map((colleague) => colleague.status)).toEqual(['away']);
  });

  it('sorts colleagues by name, ignoring case and accents', () => {
    const colleagues = replay([
      change({ userId: 'u3', displayName: 'zoé Petit' }),
      change({ userId: 'u1', displayName: 'Élodie Bernard' }),
      change({ userId: 'u2', displayName: 'Bastien Roux' }),
    ]);
    expect(colleagues.map((colleague) => colleague.displayName)).toEqual([
      'Bastien Roux',
      'Élodie Bernard',
      'zoé Petit',
    ]);
  });
});

describe('applyPresenceSnapshot', () => {
  it('replaces the colleagues with the snapshot, without the signed-in user', () => {
    const before = replay([change({ userId: 'user-gone', displayName: 'Parti' })]);
    const after = applyPresenceSnapshot({
      colleagues: before,
      snapshot: [change({}), change({ userId: selfUserId, displayName: 'Moi' })],
      selfUserId,
    });
    expect(after.map((colleague) => colleague.displayName)).toEqual(['Camille Martin']);
  });
});
