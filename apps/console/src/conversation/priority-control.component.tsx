import {
  type ConversationUpdated,
  type RoutingConversationView,
  type RoutingPriority,
  type SessionUser,
  type SlaUpdated,
} from '@vigie/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeFailure } from '../admin/shared/request-failure';
import { type ConsoleSocket, listen } from '../realtime/socket.client';
import { fetchRoutingConversation } from '../routing/routing.api';
import { type RequestFailure } from '../shared/http';
import { postPriority } from './conversations.api';
import { canSetPriority, reasonsToShow, settablePriorities } from './priority';
import './priority-control.css';

/**
 * The conversation's priority (routing's band) with its reasons, and the control to set it by hand. Read from
 * `GET /api/routing/conversations/:id`; read again after a change, and when the SLA re-chose the clocks or the
 * status changed (a priority change re-chooses the SLA policy; a resolved conversation has no band).
 * Nothing shows while the conversation is not routed (resolved), or for a role routing does not answer (ops).
 */
export function PriorityControl(params: {
  conversationId: string;
  user: SessionUser;
  socket: ConsoleSocket | null;
  reconnections: number;
  onPriorityChanged: (conversationId: string, priority: RoutingPriority) => void;
}) {
  const { conversationId, user, socket, reconnections, onPriorityChanged } = params;
  const { t } = useTranslation();
  const [routing, setRouting] = useState<RoutingConversationView | null>(null);
  const [choice, setChoice] = useState<RoutingPriority | null>(null);
  const [reads, setReads] = useState(0);
  const [isSaving, setIsSaving] = useState(false);
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [savedPriority, setSavedPriority] = useState<RoutingPriority | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void fetchRoutingConversation(conversationId).then((result) => {
      if (!isCurrent) return;
      setRouting(result.kind === 'ok' ? result.body : null);
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId, reconnections, reads]);

  useEffect(() => {
    if (!socket) return;
    const readAgainIf = (id: string) => {
      if (id === conversationId) setReads((count) => count + 1);
    };
    return listen(socket, {
      'sla.updated': (event: SlaUpdated) => readAgainIf(event.conversationId),
      'conversation.updated': (event: ConversationUpdated) => readAgainIf(event.conversation.id),
    });
  }, [socket, conversationId]);

  if (!routing) return null;
  const selected = choice ?? routing.priority;
  const reasons = reasonsToShow(routing.priorityReasons);
  const selectId = `priority-${conversationId}`;
  const reasonsId = `priority-reasons-${conversationId}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!routing || selected === routing.priority) return;
    setIsSaving(true);
    setFailure(null);
    setSavedPriority(null);
    const result = await postPriority(conversationId, selected);
    setIsSaving(false);
    if (result.kind === 'failed') {
      setFailure(result.failure);
      return;
    }
    setChoice(null);
    setSavedPriority(result.body.priority);
    setRouting({ ...routing, priority: result.body.priority });
    onPriorityChanged(conversationId, result.body.priority);
    // The new reason ("set … by hand") is routing's to tell.
    setReads((count) => count + 1);
  }

  const failureText = failure ? describeFailure(failure) : null;
  return (
    <div className="priority-control" data-testid="priority-control">
      <span className="priority-control__label">{t('conversation.priority.label')}</span>
      <span
        className={`priority-badge priority-badge--${routing.priority}`}
        aria-describedby={reasonsId}
        data-testid="conversation-priority"
        data-priority={routing.priority}
      >
        {t(`routing.priority.${routing.priority}`)}
      </span>
      {canSetPriority(user.role) ? (
        <form className="priority-control__form" onSubmit={(event) => void submit(event)}>
          <label className="visually-hidden" htmlFor={selectId}>
            {t('conversation.priority.choose')}
          </label>
          <select
            id={selectId}
            className="field__input priority-control__select"
            value={selected}
            onChange={(event) => setChoice(event.target.value as RoutingPriority)}
            data-testid="priority-select"
          >
            {settablePriorities.map((priority) => (
              <option key={priority} value={priority}>
                {t(`routing.priority.${priority}`)}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="button button--secondary priority-control__button"
            disabled={isSaving || selected === routing.priority}
            data-testid="priority-set"
          >
            {isSaving ? t('conversation.priority.saving') : t('conversation.priority.set')}
          </button>
        </form>
      ) : null}
      <div className="priority-control__reasons">
        <span className="priority-control__why" aria-hidden="true">
          {t('conversation.priority.reasons')}
        </span>
        <ul id={reasonsId} aria-label={t('conversation.priority.reasons')} data-testid="priority-reasons">
          {reasons.shown.map((reason, index) => (
            <li key={index} data-testid="priority-reason">
              {reason.kind === 'byHand'
                ? t('conversation.priority.byHand', { priority: t(`routing.priority.${reason.priority}`) })
                : reason.text}
            </li>
          ))}
          {reasons.hidden > 0 ? (
            <li className="priority-control__more">
              {t('conversation.priority.more', { count: reasons.hidden })}
            </li>
          ) : null}
        </ul>
      </div>
      {savedPriority ? (
        <p className="priority-control__done" role="status">
          {t('conversation.priority.saved', { priority: t(`routing.priority.${savedPriority}`) })}
        </p>
      ) : null}
      {failureText ? (
        <p className="notice notice--error priority-control__error" role="alert" data-testid="priority-error">
          <strong>{t('conversation.priority.failed')}</strong>
          {failureText.apiMessage
            ? ` ${failureText.apiMessage}`
            : failureText.key === 'network'
              ? ` ${t('conversation.priority.network')}`
              : null}
        </p>
      ) : null}
    </div>
  );
}
