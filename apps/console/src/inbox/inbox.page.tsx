import { type InboxFilters, inboxFilterNames, type SessionUser } from '@vigie/contracts';
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/session.context';
import { ConsoleFrame } from '../app/console-frame.component';
import { useRealtime } from '../realtime/use-realtime.hook';
import { StatusSwitch } from '../routing/status-switch.component';
import { useDocumentTitle } from '../shared/use-document-title.hook';
import { SlaToasts } from '../sla/sla-toasts.component';
import { contactLabel } from '../conversation/contact-label';
import { ConnectionIndicator } from './connection-indicator.component';
import { nextConversationId } from './conversation-list';
import { ConversationList } from './conversation-list.component';
import { EmptyInbox } from './empty-inbox.component';
import { InboxFilterBar } from './inbox-filters.component';
import { InboxNav } from './inbox-nav.component';
import { filterEntries, hasFilters, parseFilters, parseView } from './inbox-views';
import { OnlineColleagues } from './online-colleagues.component';
import { shortcutFor } from './shortcuts';
import { ShortcutsDialog } from './shortcuts-dialog.component';
import { useConversationList } from './use-conversation-list.hook';
import './inbox.page.css';

// The pane (and twitter-text's large regexes) loads after the list has painted: the list comes first.
// A plain dynamic import held in state rather than React.lazy: Suspense throttles reveals by ~300 ms,
// which every first opening of a conversation would pay.
const loadConversationPane = () => import('../conversation/conversation-pane.component');
type PaneModule = Awaited<ReturnType<typeof loadConversationPane>>;

export function InboxPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { markSignedOut } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const replyTextarea = useRef<HTMLTextAreaElement>(null);
  const view = parseView(searchParams.get('view'), user.role);
  // The same filters keep the same object (a new one would read the list again).
  const filterQuery = new URLSearchParams(filterEntries(parseFilters(searchParams))).toString();
  const filters = useMemo(() => parseFilters(new URLSearchParams(filterQuery)), [filterQuery]);
  const selectedId = searchParams.get('conversation');
  const { connection, colleagues, socket, reconnections } = useRealtime({
    userId: user.id,
    onSessionEnded: (reason) => markSignedOut(reason),
  });
  const list = useConversationList({ view, filters, socket, reconnections });
  const items = list.state.items;
  const isListLoaded = list.state.isLoaded;

  const [paneModule, setPaneModule] = useState<PaneModule | null>(null);

  // Fetch the pane's code once the list is up (or a conversation is asked for in the URL).
  useEffect(() => {
    if (isListLoaded || selectedId) void loadConversationPane().then(setPaneModule);
  }, [isListLoaded, selectedId]);

  const select = useCallback(
    (conversationId: string | null) =>
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        if (conversationId) next.set('conversation', conversationId);
        else next.delete('conversation');
        return next;
      }),
    [setSearchParams],
  );

  const changeFilters = useCallback(
    (next: InboxFilters) =>
      setSearchParams((current) => {
        const params = new URLSearchParams(current);
        for (const name of inboxFilterNames) params.delete(name);
        for (const [name, value] of filterEntries(next)) params.set(name, value);
        return params;
      }),
    [setSearchParams],
  );

  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    const shortcut = shortcutFor(event);
    if (shortcut === 'next' || shortcut === 'previous') {
      event.preventDefault();
      select(nextConversationId(items, selectedId, shortcut === 'next' ? 1 : -1));
    } else if (shortcut === 'help') {
      event.preventDefault();
      setIsHelpOpen(true);
    }
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  useDocumentTitle(`${t(`inbox.nav.views.${view}`)} · ${t('app.name')}`);

  return (
    <ConsoleFrame
      user={user}
      testId="inbox"
      actions={
        <>
          <ConnectionIndicator status={connection} />
          {user.role === 'agent' ? (
            <StatusSwitch user={user} socket={socket} reconnections={reconnections} />
          ) : null}
        </>
      }
    >
      <div className="inbox-layout__body">
        <aside className="sidebar">
          <InboxNav role={user.role} currentView={view} />
          <OnlineColleagues colleagues={colleagues} />
        </aside>
        <main className="inbox-main" aria-labelledby="view-heading">
          <div className="inbox-main__list">
            <div className="inbox-main__heading">
              <h1 id="view-heading">{t(`inbox.nav.views.${view}`)}</h1>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setIsHelpOpen(true)}
                data-testid="shortcuts-open"
              >
                {t('inbox.shortcuts.open')}
              </button>
            </div>
            <InboxFilterBar filters={filters} onChange={changeFilters} canLoadFacets={isListLoaded} />
            {list.hasFailed ? (
              <p className="notice notice--error" role="alert">
                {t('inbox.list.loadFailed')}
              </p>
            ) : null}
            {list.state.isLoaded && items.length === 0 ? (
              <EmptyInbox view={view} isFiltered={hasFilters(filters)} />
            ) : (
              <ConversationList
                items={items}
                selectedId={selectedId}
                hasMore={list.state.nextCursor !== null}
                listKey={list.loadedKey}
                onSelect={select}
                onNeedMore={list.loadMore}
              />
            )}
          </div>
          <div className="inbox-main__pane">
            {selectedId && paneModule ? (
              <paneModule.ConversationPane
                key={selectedId}
                conversationId={selectedId}
                user={user}
                socket={socket}
                reconnections={reconnections}
                textareaRef={replyTextarea}
                onStatusChanged={(conversationId, status) => list.patch(conversationId, { status })}
                onPriorityChanged={(conversationId, priority) => list.patch(conversationId, { priority })}
              />
            ) : selectedId ? (
              <p className="conversation-pane__loading" role="status">
                {t('conversation.loading')}
              </p>
            ) : (
              <p className="conversation-pane__placeholder">{t('conversation.none')}</p>
            )}
          </div>
        </main>
        {isHelpOpen ? <ShortcutsDialog onClose={() => setIsHelpOpen(false)} /> : null}
        <SlaToasts
          socket={socket}
          nameOf={(conversationId) => {
            const item = items.find((candidate) => candidate.id === conversationId);
            return item ? contactLabel(item.contact) : null;
          }}
          onOpen={select}
        />
      </div>
    </ConsoleFrame>
  );
}
