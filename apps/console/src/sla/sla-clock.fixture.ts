import { type SlaClockView } from '@vigie/contracts';

/** A running customer first-response clock of one hour, changed by `changes` (for tests). */
export function slaClockView(changes: Partial<SlaClockView>): SlaClockView {
  return {
    clock: 'customer',
    metric: 'first_response',
    status: 'running',
    hours: 'calendar',
    targetMinutes: 60,
    startedAt: '2026-11-23T09:30:00.000Z',
    dueAt: '2026-11-23T10:30:00.000Z',
    breachedAt: null,
    fulfilledAt: null,
    countedMs: 0,
    explanation: null,
    explanationSteps: null,
    ...changes,
  };
}
