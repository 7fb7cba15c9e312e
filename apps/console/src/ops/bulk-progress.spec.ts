import { progressSummary } from './bulk-progress';

const nowMs = Date.parse('2026-11-24T10:00:00Z');

describe('bulk answer progress', () => {
  it('counts sent, failed and skipped replies as settled while others wait in the outbox', () => {
    expect(
      progressSummary({ total: 40, queued: 10, sent: 24, failed: 2, skipped: 4, nextSendAt: null }, nowMs),
    ).toEqual({ settled: 30, total: 40, percent: 75, isDone: false, isPaced: false });
  });

  it('is done when nothing is left to send, failures included', () => {
    expect(
      progressSummary({ total: 31, queued: 0, sent: 6, failed: 1, skipped: 24, nextSendAt: null }, nowMs),
    ).toMatchObject({ settled: 31, percent: 100, isDone: true });
  });

  it('is done at once for an incident without conversations', () => {
    expect(
      progressSummary({ total: 0, queued: 0, sent: 0, failed: 0, skipped: 0, nextSendAt: null }, nowMs),
    ).toMatchObject({ percent: 100, isDone: true });
  });

  it('is paced while the next reply waits for the sending budget, not when it is due now', () => {
    const paced = { total: 500, queued: 420, sent: 80, failed: 0, skipped: 0 };
    expect(progressSummary({ ...paced, nextSendAt: '2026-11-24T10:15:00Z' }, nowMs).isPaced).toBe(true);
    expect(progressSummary({ ...paced, nextSendAt: '2026-11-24T09:59:00Z' }, nowMs).isPaced).toBe(false);
    expect(progressSummary({ ...paced, nextSendAt: '2026-11-24T10:15:00Z' }, nowMs).percent).toBe(16);
  });
});
