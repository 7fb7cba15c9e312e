import { type InboxItem } from '@vigie/contracts';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactLabel } from '../conversation/contact-label';
import { RelativeTime } from '../shared/relative-time.component';
import { formatDuration, type SlaBadge } from '../sla/sla-badges';
import { rowSlaBadges } from './list-sla';

const rowHeightPx = 84;
/** The rows' countdowns show minutes: moving them every 10 s keeps amber and red within seconds of the truth. */
const tickMs = 10_000;

/**
 * The virtualized list: only the rows on screen (plus a few) are in the DOM, so 100,000 conversations
 * scroll like 100. Tweet text is rendered as text nodes by React, never as HTML.
 */
export function ConversationList(params: {
  items: readonly InboxItem[];
  selectedId: string | null;
  hasMore: boolean;
  /** The list the rows belong to, for tests and the benchmark (`data-list`). */
  listKey: string | null;
  onSelect: (conversationId: string) => void;
  onNeedMore: () => void;
}) {
  const { items, selectedId, hasMore, listKey, onSelect, onNeedMore } = params;
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [now, setNow] = useState(() => new Date());
  // TanStack Virtual returns functions React Compiler cannot memoize; this component simply is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeightPx,
    overscan: 8,
  });
  const virtualRows = virtualizer.getVirtualItems();
  /** The badge's time in words, for screen readers (the row shows the short form). */
  const slaTime = (badge: SlaBadge): string =>
    badge.remainingMs === null
      ? t(`sla.level.${badge.level}`)
      : badge.remainingMs > 0
        ? t('sla.left', { duration: formatDuration(badge.remainingMs) })
        : t('sla.overdue', { duration: formatDuration(badge.remainingMs) });
  /** The badge's clock and due time on hover (the conversation's own badges explain the due time in full). */
  const rowSlaTitle = (badge: SlaBadge): string =>
    badge.dueAt
      ? `${t(`sla.metric.${badge.metric}`)} · ${t('sla.dueAt', {
          due: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
            new Date(badge.dueAt),
          ),
        })}`
      : t(`sla.metric.${badge.metric}`);
  const lastIndex = virtualRows[virtualRows.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && lastIndex >= items.length - 20) onNeedMore();
  }, [hasMore, lastIndex, items.length, onNeedMore]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), tickMs);
    return () => window.clearInterval(timer);
  }, []);

  // Bring the selected row into view when the selection moves (j/k), not when pages load: that would pull
  // the agent back up while they scroll.
  const revealSelected = useEffectEvent((conversationId: string | null) => {
    const index = items.findIndex((item) => item.id === conversationId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  });
  useEffect(() => revealSelected(selectedId), [selectedId]);

  return (
    <div
      ref={scroller}
      className="conversation-list"
      data-testid="conversation-list"
      data-list={listKey ?? ''}
      aria-label={t('inbox.list.label')}
      aria-busy={listKey === null}
      role="region"
      tabIndex={-1}
    >
      <ul className="conversation-list__rows" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {virtualRows.map((row) => {
          const conversation = items[row.index];
          if (!conversation) return null;
          const isSelected = conversation.id === selectedId;
          const badges = rowSlaBadges(conversation, now);
          return (
            <li
              key={conversation.id}
              className="conversation-list__row"
              style={{ height: `${row.size}px`, transform: `translateY(${row.start}px)` }}
            >
              <button
                type="button"
                className={`conversation-row${isSelected ? ' conversation-row--selected' : ''}`}
                aria-current={isSelected ? 'true' : undefined}
                onClick={() => onSelect(conversation.id)}
                data-testid="conversation-row"
                data-conversation-id={conversation.id}
              >
                <span className="conversation-row__top">
                  <span className="conversation-row__contact">{contactLabel(conversation.contact)}</span>
                  {conversation.priority && conversation.status !== 'resolved' ? (
                    <span
                      className={`priority-chip priority-chip--${conversation.priority}`}
                      data-testid="row-priority"
                    >
                      {t(`routing.priority.${conversation.priority}`)}
                    </span>
                  ) : null}
                  <RelativeTime iso={conversation.lastActivityAt} className="conversation-row__time" />
                </span>
                <span className="conversation-row__preview" data-testid="conversation-preview">
                  {conversation.lastMessagePreview}
                </span>
                <span className="conversation-row__meta">
                  <span className={`status-badge status-badge--${conversation.status}`}>
                    {t(`conversation.status.${conversation.status}`)}
                  </span>
                  {badges.map((badge) => (
                    <span
                      key={badge.clock}
                      className={`row-sla row-sla--${badge.level}`}
                      data-testid="row-sla"
                      data-clock={badge.clock}
                      data-level={badge.level}
                      title={rowSlaTitle(badge)}
                      aria-label={`${t(`sla.clock.${badge.clock}`)} : ${slaTime(badge)}`}
                    >
                      <span className="row-sla__clock">{t(`inbox.list.sla.${badge.clock}`)}</span>{' '}
                      {badge.remainingMs === null
                        ? t(`sla.level.${badge.level}`)
                        : badge.remainingMs > 0
                          ? formatDuration(badge.remainingMs)
                          : t('inbox.list.sla.overdue', { duration: formatDuration(badge.remainingMs) })}
                    </span>
                  ))}
                  {conversation.tags.slice(0, 2).map((tag) => (
                    <span key={tag} className="tag-chip">
                      #{tag}
                    </span>
                  ))}
                  {badges.length === 0 ? (
                    <span className="conversation-row__kind">
                      {t(`conversation.kind.${conversation.kind}`)}
                    </span>
                  ) : null}
                  {badges.length === 0 && conversation.waitingSince ? (
                    <span className="conversation-row__waiting">{t('inbox.list.waiting')}</span>
                  ) : null}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
