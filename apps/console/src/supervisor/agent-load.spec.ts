import { type RoutingAgentView } from '@vigie/contracts';
import { applyAgentChange, canReceive, loadLevel, loadRatio, parseCapacity, sortAgents } from './agent-load';

function agent(changes: Partial<RoutingAgentView>): RoutingAgentView {
  return {
    userId: 'u',
    displayName: 'Agent',
    status: 'online',
    statusSince: '2026-11-18T09:00:00.000Z',
    capacity: 10,
    openCount: 0,
    languages: ['fr'],
    skills: [],
    teamIds: [],
    lastAssignedAt: null,
    ...changes,
  };
}

describe('agent load', () => {
  it.each([
    [0, 10, 'free', 0],
    [7, 10, 'free', 0.7],
    [8, 10, 'high', 0.8],
    [10, 10, 'full', 1],
    [12, 10, 'full', 1],
    [0, 0, 'full', 1],
  ] as const)('%d open of %d is %s (%d of the bar)', (openCount, capacity, level, ratio) => {
    expect(loadLevel({ openCount, capacity })).toBe(level);
    expect(loadRatio({ openCount, capacity })).toBe(ratio);
  });

  it('lists online agents first, the fullest first, then by name', () => {
    const sorted = sortAgents([
      agent({ userId: 'off', displayName: 'Zoé', status: 'offline' }),
      agent({ userId: 'away', displayName: 'Yann', status: 'away', openCount: 9 }),
      agent({ userId: 'light', displayName: 'Léa', openCount: 1 }),
      agent({ userId: 'busy', displayName: 'Sam', openCount: 6 }),
      agent({ userId: 'alsoLight', displayName: 'Camille', openCount: 1 }),
    ]);
    expect(sorted.map((item) => item.userId)).toEqual(['busy', 'alsoLight', 'light', 'away', 'off']);
  });

  it('follows agent.status.changed: status, capacity and open count; since when only on a new status', () => {
    const agents = [agent({ userId: 'lea' }), agent({ userId: 'sam' })];
    const changed = applyAgentChange(agents, {
      userId: 'lea',
      status: 'away',
      capacity: 4,
      openCount: 2,
      source: 'supervisor',
      at: '2026-11-18T10:00:00.000Z',
    });
    expect(changed[0]).toMatchObject({
      status: 'away',
      capacity: 4,
      openCount: 2,
      statusSince: '2026-11-18T10:00:00.000Z',
    });
    expect(changed[1]).toBe(agents[1]);
    const sameStatus = applyAgentChange(agents, {
      userId: 'lea',
      status: 'online',
      capacity: 3,
      openCount: 0,
      source: 'supervisor',
      at: '2026-11-18T10:00:00.000Z',
    });
    expect(sameStatus[0]?.statusSince).toBe('2026-11-18T09:00:00.000Z');
  });

  it('hands work to online and away agents, never to offline ones', () => {
    expect([
      canReceive({ status: 'online' }),
      canReceive({ status: 'away' }),
      canReceive({ status: 'offline' }),
    ]).toEqual([true, true, false]);
  });

  it.each([
    ['3', 3],
    [' 12 ', 12],
    ['0', 0],
    ['1000', 1000],
    ['1001', null],
    ['-1', null],
    ['2.5', null],
    ['', null],
    ['dix', null],
  ])('reads the capacity "%s" as %p', (text, expected) => {
    expect(parseCapacity(text)).toBe(expected);
  });
});
