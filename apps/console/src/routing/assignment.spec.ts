import { type ConversationAssigned, type RoutingConversationView } from '@vigie/contracts';
import { applyAssignment, assigneeOf, canClaim } from './assignment';

function routing(overrides: Partial<RoutingConversationView> = {}): RoutingConversationView {
  return {
    conversationId: 'conversation-1',
    brandId: 'brand-1',
    teamId: null,
    language: 'fr',
    priority: 'medium',
    priorityReasons: [],
    waitingSince: null,
    dueAt: null,
    queuedAt: null,
    assigneeId: null,
    assignedAt: null,
    ...overrides,
  };
}

function assigned(overrides: Partial<ConversationAssigned>): ConversationAssigned {
  return {
    conversationId: 'conversation-1',
    action: 'assigned',
    agentId: 'lea',
    previousAgentId: null,
    teamId: 'team-1',
    reason: 'least_loaded',
    explanation: 'least loaded',
    at: '2026-11-23T08:00:00.000Z',
    ...overrides,
  };
}

const agents = [
  {
    userId: 'lea',
    displayName: 'Léa Bernard',
    status: 'online' as const,
    statusSince: '2026-11-23T07:00:00.000Z',
    capacity: 5,
    openCount: 1,
    languages: ['fr'],
    skills: [],
    teamIds: [],
    lastAssignedAt: null,
  },
];

describe('the assignment shown in the conversation', () => {
  it.each([
    { case: 'nobody', assigneeId: null, expected: { kind: 'nobody' } },
    { case: 'the agent', assigneeId: 'camille', expected: { kind: 'you' } },
    { case: 'a known colleague', assigneeId: 'lea', expected: { kind: 'colleague', name: 'Léa Bernard' } },
    { case: 'an unlisted colleague', assigneeId: 'gone', expected: { kind: 'colleague', name: null } },
  ])('names $case as the holder', ({ assigneeId, expected }) => {
    expect(assigneeOf({ routing: routing({ assigneeId }), agents, userId: 'camille' })).toEqual(expected);
  });

  it('follows an assignment event for the open conversation', () => {
    const next = applyAssignment(routing(), assigned({ agentId: 'lea' }));
    expect(next).toMatchObject({
      assigneeId: 'lea',
      assignedAt: '2026-11-23T08:00:00.000Z',
      teamId: 'team-1',
    });
  });

  it('clears the holder when the conversation goes back to the queue', () => {
    const held = routing({ assigneeId: 'lea', assignedAt: '2026-11-23T07:00:00.000Z' });
    expect(applyAssignment(held, assigned({ agentId: null }))).toMatchObject({
      assigneeId: null,
      assignedAt: null,
    });
  });

  it('ignores assignments of other conversations', () => {
    const open = routing();
    expect(applyAssignment(open, assigned({ conversationId: 'conversation-2' }))).toBe(open);
  });

  it.each([
    { role: 'agent', assigneeId: null, expected: true },
    { role: 'agent', assigneeId: 'lea', expected: true },
    { role: 'agent', assigneeId: 'camille', expected: false },
    { role: 'supervisor', assigneeId: null, expected: false },
  ] as const)(
    'lets a $role claim a conversation held by $assigneeId: $expected',
    ({ role, assigneeId, expected }) => {
      expect(canClaim({ routing: routing({ assigneeId }), role, userId: 'camille' })).toBe(expected);
    },
  );
});
