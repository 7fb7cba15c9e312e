import { type ConversationSummary } from '@vigie/contracts';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useEffectEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { contactLabel } from '../conversation/contact-label';
import { RelativeTime } from '../shared/relative-time.component';

const rowHeightPx = 84;

/**
 * The virtualized list: only the rows on screen (plus a few) are in the DOM, so 100,000 conversations
 * scroll like 100. Tweet text is rendered as text nodes by React, never as HTML.
 */
export function ConversationList(params: {
  items: readonly ConversationSummary[];
  selectedId: string | null;
  hasMore: boolean;
  onSelect: (conversationId: string) => void;
  onNeedMore: () => void;
}) {
  const { items, selectedId, hasMore, onSelect, onNeedMore } = params;
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions React Compiler cannot memoize; this component simply is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeightPx,
    overscan: 8,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows[virtualRows.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && lastIndex >= items.length - 20) onNeedMore();
  }, [hasMore, lastIndex, items.length, onNeedMore]);

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
      aria-label={t('inbox.list.label')}
      role="region"
      tabIndex={-1}
    >
      <ul className="conversation-list__rows" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {virtualRows.map((row) => {
          const conversation = items[row.index];
          if (!conversation) return null;
          const isSelected = conversation.id === selectedId;
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
                  <RelativeTime iso={conversation.lastActivityAt} className="conversation-row__time" />
                </span>
                <span className="conversation-row__preview" data-testid="conversation-preview">
                  {conversation.lastMessagePreview}
                </span>
                <span className="conversation-row__meta">
                  <span className={`status-badge status-badge--${conversation.status}`}>
                    {t(`conversation.status.${conversation.status}`)}
                  </span>
                  <span className="conversation-row__kind">
                    {t(`conversation.kind.${conversation.kind}`)}
                  </span>
                  {conversation.waitingSince ? (
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
