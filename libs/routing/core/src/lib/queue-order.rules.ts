import { assertNever } from '@vigie/kernel';
import { type ConversationPriority, type ConversationToRoute } from './routing.types';

/** 0 is served first. */
export function priorityRank(priority: ConversationPriority): number {
  switch (priority) {
    case 'urgent':
      return 0;
    case 'high':
      return 1;
    case 'medium':
      return 2;
    case 'low':
      return 3;
    default:
      return assertNever(priority);
  }
}

function compareNumbers(left: number, right: number): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Queue order, a total order usable with `Array.prototype.sort`: higher priority first; then the earlier SLA
 * due time (a conversation with no due time after every one that has one, since nothing breaches); then the
 * earlier arrival in the queue; then the id, so equal conversations still sort the same everywhere.
 */
export function compareQueued(
  left: Pick<ConversationToRoute, 'id' | 'priority' | 'dueAt' | 'queuedAt'>,
  right: Pick<ConversationToRoute, 'id' | 'priority' | 'dueAt' | 'queuedAt'>,
): number {
  const byPriority = compareNumbers(priorityRank(left.priority), priorityRank(right.priority));
  if (byPriority !== 0) return byPriority;
  const leftDue = left.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const rightDue = right.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const byDue = compareNumbers(leftDue, rightDue);
  if (byDue !== 0) return byDue;
  const byArrival = compareNumbers(left.queuedAt.getTime(), right.queuedAt.getTime());
  if (byArrival !== 0) return byArrival;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}
