import { DomainError } from '@vigie/kernel';
import { agent } from '../testing/routing.fixture';
import { validateBulkReassignment, type ReassignableConversation } from './bulk-reassignment.validator';
import { type AgentSnapshot } from './routing.types';

const selected = (
  id: string,
  overrides: Partial<ReassignableConversation> = {},
): ReassignableConversation => ({
  id,
  assigneeId: 'other',
  requiredSkills: [],
  ...overrides,
});

function outcomes(params: {
  conversations: ReassignableConversation[];
  target?: Partial<AgentSnapshot> | null;
}) {
  const agents =
    params.target === null
      ? []
      : [agent({ id: 'target', name: 'Tess', ...params.target }), agent({ id: 'other' })];
  return validateBulkReassignment({
    conversations: params.conversations,
    targetAgentId: 'target',
    agents,
  }).map((result) =>
    result.outcome === 'accepted'
      ? [result.conversationId, 'accepted']
      : [result.conversationId, result.outcome, result.why],
  );
}

describe('validateBulkReassignment', () => {
  it.each<[string, Partial<AgentSnapshot> | null, string[][]]>([
    [
      'accepts all for an online target with room',
      {},
      [
        ['c-1', 'accepted'],
        ['c-2', 'accepted'],
      ],
    ],
    [
      'accepts an away target (the supervisor knows they are there)',
      { status: 'away' },
      [
        ['c-1', 'accepted'],
        ['c-2', 'accepted'],
      ],
    ],
    [
      'accepts a target outside their hours',
      { isWithinHours: false },
      [
        ['c-1', 'accepted'],
        ['c-2', 'accepted'],
      ],
    ],
    [
      'rejects all for an offline target',
      { status: 'offline' },
      [
        ['c-1', 'rejected', 'target_offline'],
        ['c-2', 'rejected', 'target_offline'],
      ],
    ],
    [
      'rejects all for an unknown target',
      null,
      [
        ['c-1', 'rejected', 'unknown_target'],
        ['c-2', 'rejected', 'unknown_target'],
      ],
    ],
    [
      'accepts up to the room left, in selection order',
      { openCount: 4 },
      [
        ['c-1', 'accepted'],
        ['c-2', 'rejected', 'over_capacity'],
      ],
    ],
    [
      'rejects all for a full target',
      { openCount: 5 },
      [
        ['c-1', 'rejected', 'over_capacity'],
        ['c-2', 'rejected', 'over_capacity'],
      ],
    ],
  ])('%s', (_label, target, expected) => {
    expect(outcomes({ conversations: [selected('c-1'), selected('c-2')], target })).toEqual(expected);
  });

  it('leaves conversations already with the target or listed twice unchanged, without using room', () => {
    const conversations = [
      selected('mine', { assigneeId: 'target' }),
      selected('c-1'),
      selected('c-1'),
      selected('queued', { assigneeId: null }),
    ];
    expect(outcomes({ conversations, target: { openCount: 3 } })).toEqual([
      ['mine', 'unchanged', 'already_assigned'],
      ['c-1', 'accepted'],
      ['c-1', 'unchanged', 'duplicate'],
      ['queued', 'accepted'],
    ]);
  });

  it('rejects a conversation needing a skill the target lacks, and still accepts the others', () => {
    const conversations = [selected('fraud', { requiredSkills: ['fraud'] }), selected('plain')];
    const results = validateBulkReassignment({
      conversations,
      targetAgentId: 'target',
      agents: [agent({ id: 'target', name: 'Tess' })],
    });
    expect(results).toEqual([
      {
        conversationId: 'fraud',
        outcome: 'rejected',
        why: 'missing_skills',
        explanation: 'Rejected: Tess (target) lacks the skill fraud.',
      },
      {
        conversationId: 'plain',
        outcome: 'accepted',
        explanation: 'Reassigned by a supervisor to Tess (target) (1/5).',
      },
    ]);
  });

  it('rejects invalid agent snapshots', () => {
    expect(() =>
      validateBulkReassignment({
        conversations: [],
        targetAgentId: 'a',
        agents: [agent({ id: 'a' }), agent({ id: 'a' })],
      }),
    ).toThrow(DomainError);
  });
});
