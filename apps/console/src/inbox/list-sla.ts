import { type ConversationSla, type InboxItem } from '@vigie/contracts';
import { type SlaBadge, slaBadges } from '../sla/sla-badges';

/** Levels worth a badge in a list row: the live ones (met and stopped clocks only add noise there). */
const shownLevels: ReadonlySet<SlaBadge['level']> = new Set(['running', 'warning', 'breached', 'paused']);

/**
 * A row's countdown badges: the same rule as the conversation's badges (`slaBadges`: amber once the SLA engine
 * warned about the clock, red at the breach or once past due while running), fed with the clocks and warnings
 * the list API gives per row, or the socket updated since.
 */
export function rowSlaBadges(item: Pick<InboxItem, 'id' | 'sla'>, now: Date): SlaBadge[] {
  const sla: ConversationSla = {
    conversationId: item.id,
    policyName: '',
    timezone: 'UTC',
    clocks: item.sla.clocks,
    events: item.sla.warnings.map((warning, index) => ({
      id: String(index),
      clock: warning.clock,
      metric: warning.metric,
      kind: 'warned',
      at: warning.at,
      dueAt: null,
      detail: '',
    })),
  };
  return slaBadges(sla, now).filter((badge) => shownLevels.has(badge.level));
}
