import { type SlaAlert } from '@vigie/contracts';
import { addToasts, maxToasts } from './sla-toasts';

function alert(overrides: Partial<SlaAlert> = {}): SlaAlert {
  return {
    conversationId: 'conversation-1',
    clock: 'customer',
    metric: 'first_response',
    kind: 'warning',
    fraction: 0.8,
    dueAt: '2026-11-23T10:30:00.000Z',
    at: '2026-11-23T10:18:00.000Z',
    ...overrides,
  };
}

describe('the SLA toasts', () => {
  it('shows each alert once, even when a digest repeats it', () => {
    const once = addToasts([], [alert(), alert()], 0);
    expect(addToasts(once, [alert()], 1)).toHaveLength(1);
  });

  it('tells a warning, a later warning and the breach apart', () => {
    const toasts = addToasts(
      [],
      [alert(), alert({ fraction: 0.9 }), alert({ kind: 'breach', fraction: 1 })],
      0,
    );
    expect(toasts.map((toast) => toast.alert.kind)).toEqual(['warning', 'warning', 'breach']);
  });

  it(`keeps the ${maxToasts} newest in a storm`, () => {
    const storm = Array.from({ length: 10 }, (_, index) =>
      alert({ conversationId: `conversation-${index}` }),
    );
    expect(addToasts([], storm, 0).map((toast) => toast.alert.conversationId)).toEqual([
      'conversation-7',
      'conversation-8',
      'conversation-9',
    ]);
  });
});
