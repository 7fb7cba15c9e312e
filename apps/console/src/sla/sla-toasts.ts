import { type SlaAlert } from '@vigie/contracts';

export type SlaToast = { key: string; alert: SlaAlert; shownAt: number };

/** A toast stays this long unless dismissed. */
export const toastLifetimeMs = 12_000;
/** At most this many at once: a storm of alerts must not cover the screen (the newest win). */
export const maxToasts = 3;

/** Adds the alerts of a digest, once each (same conversation, clock, metric, kind and fraction), newest last. */
export function addToasts(current: SlaToast[], alerts: SlaAlert[], shownAt = Date.now()): SlaToast[] {
  const next = [...current];
  for (const alert of alerts) {
    const key = [alert.conversationId, alert.clock, alert.metric, alert.kind, alert.fraction].join(':');
    if (next.some((toast) => toast.key === key)) continue;
    next.push({ key, alert, shownAt });
  }
  return next.slice(-maxToasts);
}
