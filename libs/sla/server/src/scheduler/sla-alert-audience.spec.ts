import type { SlaAlert } from '@vigie/contracts';
import { SlaAlertAudience } from './sla-alert-audience';

const alert = (overrides: Partial<SlaAlert>): SlaAlert => ({
  conversationId: '00000000-0000-4000-8000-000000000001',
  clock: 'contract',
  metric: 'first_response',
  kind: 'warning',
  fraction: 0.5,
  dueAt: '2026-11-23T09:50:00.000Z',
  at: '2026-11-23T09:20:00.000Z',
  ...overrides,
});

describe('SLA alert audience', () => {
  it.each([
    [{}, ['role:agent', 'role:supervisor']],
    [{ kind: 'breach' as const, fraction: 1 }, ['role:agent', 'role:supervisor', 'role:admin']],
    [{ clock: 'customer' as const, kind: 'breach' as const, fraction: 1 }, ['role:supervisor', 'role:admin']],
  ])('sends %p to %p', (overrides, expected) => {
    expect(new SlaAlertAudience().roomsFor(alert(overrides))).toEqual(expected);
  });
});
