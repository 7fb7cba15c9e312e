import { BusinessCalendar, type CalendarSpec, type SlaHours } from '@vigie/sla-core';
import { localToInstant } from '../shared/zoned-time';

/** What a policy promises for a first response: the contract target and the customer's wall-clock promise. */
export type PreviewTargets = {
  firstResponse: { minutes: number; hours: SlaHours } | null;
  customerPromiseMinutes: number;
};

export type DuePreview =
  | {
      kind: 'ok';
      writtenAt: Date;
      /** Whether the calendar is open when the customer writes. */
      isOpen: boolean;
      /** When counting starts: the message itself when open, else the next opening. */
      countingFrom: Date;
      /** The contract's first-response due time; null when the policy sets no first-response target. */
      contractDueAt: Date | null;
      /** The customer's promise: wall-clock minutes after the message. */
      customerDueAt: Date;
    }
  | { kind: 'badInstant' }
  | { kind: 'noOpenHours' };

/**
 * "If a customer writes at … the answer is due at …", computed in the browser with the same
 * {@link BusinessCalendar} the API uses for the clocks (docs/adr/0510), on the calendar as edited, before it is
 * saved. `date` and `time` are wall-clock values in the calendar's zone.
 */
export function previewDueTimes(params: {
  spec: CalendarSpec;
  date: string;
  time: string;
  targets: PreviewTargets;
}): DuePreview {
  const writtenAt = localToInstant({ date: params.date, time: params.time, timezone: params.spec.timezone });
  if (!writtenAt) return { kind: 'badInstant' };
  const calendar = new BusinessCalendar(params.spec);
  const { firstResponse } = params.targets;
  try {
    const contractDueAt = !firstResponse
      ? null
      : firstResponse.hours === 'business'
        ? calendar.addBusinessTime(writtenAt, firstResponse.minutes * 60_000)
        : new Date(writtenAt.getTime() + firstResponse.minutes * 60_000);
    return {
      kind: 'ok',
      writtenAt,
      isOpen: calendar.isOpen(writtenAt),
      countingFrom: calendar.nextOpening(writtenAt),
      contractDueAt,
      customerDueAt: new Date(writtenAt.getTime() + params.targets.customerPromiseMinutes * 60_000),
    };
  } catch {
    // The calendar found no open hours within 5 years (every day closed by holidays or overrides).
    return { kind: 'noOpenHours' };
  }
}
