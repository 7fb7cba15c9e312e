import { type SpikeBulkAnswerProgress } from '@vigie/contracts';

/** A bulk answer's delivery as the progress bar shows it. */
export type ProgressSummary = {
  /** Replies that reached an outcome: sent, failed or skipped. */
  settled: number;
  total: number;
  /** 0..100, whole. */
  percent: number;
  /** Nothing left in the outbox (and something to send). */
  isDone: boolean;
  /** The sending budget holds the next replies until `nextSendAt` (later than now). */
  isPaced: boolean;
};

export function progressSummary(progress: SpikeBulkAnswerProgress, nowMs: number): ProgressSummary {
  const settled = progress.sent + progress.failed + progress.skipped;
  const total = Math.max(progress.total, settled + progress.queued);
  return {
    settled,
    total,
    percent: total === 0 ? 100 : Math.floor((settled / total) * 100),
    isDone: progress.queued === 0,
    isPaced: progress.queued > 0 && progress.nextSendAt !== null && Date.parse(progress.nextSendAt) > nowMs,
  };
}
