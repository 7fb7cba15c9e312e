import {
  type ConversationStatus,
  type MessageView,
  type RoutingPriority,
  type SessionUser,
} from '@vigie/contracts';
import { type RefObject, useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerPanel } from '../customer/customer-panel.component';
import { type ConsoleSocket } from '../realtime/socket.client';
import { AssignmentBar } from '../routing/assignment-bar.component';
import { RelativeTime } from '../shared/relative-time.component';
import { SlaBadges } from '../sla/sla-badges.component';
import { contactLabel } from './contact-label';
import { postStatus } from './conversations.api';
import { PriorityControl } from './priority-control.component';
import { ReplyBox } from './reply-box.component';
import { snoozeChoices, snoozeUntil, type SnoozeChoice } from './snooze';
import { useConversation } from './use-conversation.hook';
import { shortcutFor } from '../inbox/shortcuts';

/**
 * The open conversation: who else is here, the whole thread in order, assignment, priority, status actions and
 * the reply box.
 */
export function ConversationPane(params: {
  conversationId: string;
  user: SessionUser;
  socket: ConsoleSocket | null;
  reconnections: number;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onStatusChanged: (conversationId: string, status: ConversationStatus) => void;
  /** The agent set the priority: the list's row follows (no socket event carries a priority). */
  onPriorityChanged: (conversationId: string, priority: RoutingPriority) => void;
}) {
  const { conversationId, user, socket, reconnections, textareaRef, onStatusChanged, onPriorityChanged } =
    params;
  const { t } = useTranslation();
  const conversation = useConversation({ conversationId, socket, reconnections });
  const { detail, viewers } = conversation;
  const [statusError, setStatusError] = useState(false);
  const [snoozeChoice, setSnoozeChoice] = useState<SnoozeChoice>('oneHour');
  const changeStatusOnKey = useEffectEvent((status: ConversationStatus) => void changeStatus(status));

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event);
      if (shortcut === 'resolve' || shortcut === 'snooze') {
        event.preventDefault();
        changeStatusOnKey(shortcut === 'resolve' ? 'resolved' : 'snoozed');
      } else if (shortcut === 'reply') {
        event.preventDefault();
        textareaRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [textareaRef]);

  async function changeStatus(status: ConversationStatus) {
    setStatusError(false);
    const result = await postStatus(conversationId, {
      status,
      ...(status === 'snoozed' ? { snoozedUntil: snoozeUntil(snoozeChoice, new Date()).toISOString() } : {}),
    });
    if (result.kind === 'failed') {
      setStatusError(true);
      return;
    }
    onStatusChanged(conversationId, status);
    await conversation.reload();
  }

  if (conversation.hasFailed && !detail)
    return (
      <p className="notice notice--error" role="alert">
        {t('conversation.loadFailed')}
      </p>
    );
  if (!detail)
    return (
      <p className="conversation-pane__loading" role="status">
        {t('conversation.loading')}
      </p>
    );

  const others = viewers.filter((viewer) => viewer.userId !== user.id);
  return (
    <div className="conversation-layout">
      <section
        className="conversation-pane"
        aria-labelledby="conversation-heading"
        data-testid="conversation-pane"
      >
        <header className="conversation-pane__header">
          <div>
            <h2 id="conversation-heading" className="conversation-pane__title">
              {contactLabel(detail.contact)}
            </h2>
            <p className="conversation-pane__subtitle">
              {detail.contact.handle ? `@${detail.contact.handle} · ` : ''}
              {t(`conversation.kind.${detail.kind}`)} ·{' '}
              <span
                className={`status-badge status-badge--${detail.status}`}
                data-testid="conversation-status"
              >
                {t(`conversation.status.${detail.status}`)}
              </span>
            </p>
            <SlaBadges conversationId={detail.id} socket={socket} reconnections={reconnections} />
          </div>
          <div className="conversation-pane__viewers" aria-live="polite" data-testid="conversation-viewers">
            {others.map((viewer) => (
              <span key={viewer.userId} className="viewer-chip" data-testid="viewer">
                {viewer.isTyping
                  ? t('conversation.viewers.typing', { name: viewer.displayName })
                  : t('conversation.viewers.viewing', { name: viewer.displayName })}
              </span>
            ))}
          </div>
        </header>
        <AssignmentBar conversationId={detail.id} user={user} socket={socket} reconnections={reconnections} />
        <PriorityControl
          conversationId={detail.id}
          user={user}
          socket={socket}
          reconnections={reconnections}
          onPriorityChanged={onPriorityChanged}
        />
        <div className="conversation-pane__actions" role="group" aria-label={t('conversation.actions.label')}>
          {detail.status !== 'open' ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void changeStatus('open')}
            >
              {t('conversation.actions.open')}
            </button>
          ) : null}
          {detail.status !== 'pending' ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void changeStatus('pending')}
            >
              {t('conversation.actions.pending')}
            </button>
          ) : null}
          <span className="conversation-pane__snooze">
            <label className="visually-hidden" htmlFor={`snooze-${detail.id}`}>
              {t('conversation.actions.snoozeFor')}
            </label>
            <select
              id={`snooze-${detail.id}`}
              className="field__input conversation-pane__snooze-select"
              value={snoozeChoice}
              onChange={(event) => setSnoozeChoice(event.target.value as SnoozeChoice)}
            >
              {snoozeChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`conversation.actions.snoozeChoices.${choice}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void changeStatus('snoozed')}
              data-testid="action-snooze"
            >
              {t('conversation.actions.snooze')}
            </button>
          </span>
          {detail.status !== 'resolved' ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => void changeStatus('resolved')}
              data-testid="action-resolve"
            >
              {t('conversation.actions.resolve')}
            </button>
          ) : null}
        </div>
        {statusError ? (
          <p className="notice notice--error" role="alert" data-testid="status-error">
            {t('conversation.actions.failed')}
          </p>
        ) : null}
        <ol className="thread" aria-label={t('conversation.thread')} data-testid="thread">
          {detail.messages.map((message) => (
            <ThreadMessage
              key={message.id}
              message={message}
              reason={conversation.failureReasons[message.id]}
            />
          ))}
        </ol>
        <ReplyBox
          key={detail.id}
          user={user}
          detail={detail}
          conversation={conversation}
          textareaRef={textareaRef}
        />
      </section>
      <CustomerPanel
        contactId={detail.contact.id}
        conversationId={detail.id}
        user={user}
        socket={socket}
        reconnections={reconnections}
      />
    </div>
  );
}

function ThreadMessage({ message, reason }: { message: MessageView; reason: string | undefined }) {
  const { t } = useTranslation();
  return (
    <li
      className={`message message--${message.direction}`}
      data-testid="message"
      data-direction={message.direction}
      data-delivery={message.deliveryStatus}
    >
      <div className="message__meta">
        <span className="message__author">{t(`conversation.author.${message.authorKind}`)}</span>
        <span>{t(`conversation.messageKind.${message.kind}`)}</span>
        <RelativeTime iso={message.sentAt} />
        {message.direction === 'outbound' ? (
          <span className={`delivery delivery--${message.deliveryStatus}`} data-testid="delivery">
            {t(`conversation.delivery.${message.deliveryStatus}`)}
          </span>
        ) : null}
      </div>
      {/* Tweet text is hostile input: a React text node, never HTML. */}
      <p className="message__text" data-testid="message-text">
        {message.text}
      </p>
      {reason ? <p className="message__failure">{t('conversation.reply.refusedByX', { reason })}</p> : null}
    </li>
  );
}
