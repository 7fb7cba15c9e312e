import {
  type AssignmentLogEntry,
  type RoutingAgentView,
  type RoutingConversationView,
} from '@vigie/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contactLabel } from '../conversation/contact-label';
import { type ConsoleSocket } from '../realtime/socket.client';
import { fetchRoutingConversation } from '../routing/routing.api';
import { type ApiResult } from '../shared/http';
import { RelativeTime } from '../shared/relative-time.component';
import { AgentOptions } from './agent-options.component';
import { type AttentionRow } from './attention';
import { fetchAssignmentLog, postTransfer } from './supervisor.api';
import { useLiveResource } from './use-live-resource.hook';
import { LoadFailed } from './load-failed.component';

/** What routing says about one conversation: its row (null once routing holds none) and its assignment history. */
type ConversationRoutingData = { routing: RoutingConversationView | null; history: AssignmentLogEntry[] };

async function fetchConversationRouting(conversationId: string): Promise<ApiResult<ConversationRoutingData>> {
  const [routing, log] = await Promise.all([
    fetchRoutingConversation(conversationId),
    fetchAssignmentLog({ conversationId, limit: 20 }),
  ]);
  if (log.kind === 'failed') return log;
  // 404: routing holds no row (answered and unassigned, or resolved); the history still tells what happened.
  if (routing.kind === 'failed' && !(routing.failure.kind === 'http' && routing.failure.status === 404))
    return routing;
  return {
    kind: 'ok',
    status: 200,
    body: { routing: routing.kind === 'ok' ? routing.body : null, history: log.body.items },
  };
}

type TransferOutcome = { kind: 'done'; name: string } | { kind: 'refused' } | { kind: 'failed' } | null;

/**
 * The conversation chosen in the table: who holds it and why (routing's priority reasons, why it waits, every
 * assignment with routing's sentence), and one reassignment (`POST /api/routing/conversations/:id/transfer`).
 */
export function ConversationRouting(params: {
  conversationId: string | null;
  row: AttentionRow | null;
  agents: RoutingAgentView[];
  socket: ConsoleSocket | null;
  reconnections: number;
  onChanged: () => void;
}) {
  const { conversationId, row, agents } = params;
  const { t } = useTranslation();
  const details = useLiveResource({
    key: `routing:${conversationId ?? 'none'}`,
    load: () =>
      conversationId
        ? fetchConversationRouting(conversationId)
        : Promise.resolve<ApiResult<ConversationRoutingData>>({
            kind: 'ok',
            status: 200,
            body: { routing: null, history: [] },
          }),
    socket: conversationId ? params.socket : null,
    reconnections: params.reconnections,
    events: ['conversation.assigned'],
  });
  const [targetAgentId, setTargetAgentId] = useState('');
  const [isSending, setIsSending] = useState(false);
  const [outcome, setOutcome] = useState<TransferOutcome>(null);
  const agentName = (agentId: string | null) =>
    agentId === null
      ? t('supervisor.attention.unassigned')
      : (agents.find((agent) => agent.userId === agentId)?.displayName ?? t('supervisor.unknownAgent'));

  if (!conversationId)
    return (
      <section className="board-card" aria-labelledby="routing-heading" data-testid="conversation-routing">
        <h2 id="routing-heading">{t('supervisor.routing.heading')}</h2>
        <p className="board-card__empty">{t('supervisor.routing.pick')}</p>
      </section>
    );

  const name = row ? contactLabel(row.item.contact) : t('supervisor.routing.aConversation');
  const routing = details.data?.routing ?? null;

  async function transfer(event: FormEvent) {
    event.preventDefault();
    if (!conversationId || !targetAgentId) return;
    setIsSending(true);
    const result = await postTransfer({ conversationId, agentId: targetAgentId });
    setIsSending(false);
    if (result.kind === 'ok') {
      setOutcome({ kind: 'done', name: agentName(targetAgentId) });
      details.refresh();
      params.onChanged();
    } else
      setOutcome(
        result.failure.kind === 'http' && result.failure.status === 409
          ? { kind: 'refused' }
          : { kind: 'failed' },
      );
  }

  return (
    <section className="board-card" aria-labelledby="routing-heading" data-testid="conversation-routing">
      <h2 id="routing-heading">{t('supervisor.routing.headingFor', { name })}</h2>
      <LoadFailed hasFailed={details.hasFailed} />
      {details.data ? (
        <>
          <dl className="routing-facts">
            <div>
              <dt>{t('supervisor.routing.assignee')}</dt>
              <dd data-testid="routing-assignee">
                {routing ? agentName(routing.assigneeId) : t('supervisor.routing.notRouted')}
              </dd>
            </div>
            {routing ? (
              <>
                <div>
                  <dt>{t('supervisor.routing.priority')}</dt>
                  <dd>
                    {t(`routing.priority.${routing.priority}`)}
                    {routing.priorityReasons.length > 0 ? (
                      <ul className="routing-facts__reasons">
                        {routing.priorityReasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    ) : null}
                  </dd>
                </div>
                {routing.waiting ? (
                  <div>
                    <dt>{t('supervisor.routing.waiting')}</dt>
                    <dd>{routing.waiting.explanation}</dd>
                  </div>
                ) : null}
              </>
            ) : null}
          </dl>
          <h3 className="board-card__subheading">{t('supervisor.routing.history')}</h3>
          {details.data.history.length === 0 ? (
            <p className="board-card__empty">{t('supervisor.routing.noHistory')}</p>
          ) : (
            <ol className="routing-history" data-testid="routing-history">
              {details.data.history.map((entry) => (
                <li key={entry.id} className="routing-history__entry">
                  <span className="routing-history__when">
                    <RelativeTime iso={entry.at} /> · {t(`supervisor.log.actions.${entry.action}`)}
                  </span>
                  <span className="routing-history__why">{entry.explanation}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : (
        <p role="status">{t('supervisor.routing.loading')}</p>
      )}
      <form className="transfer-form" onSubmit={(event) => void transfer(event)} data-testid="transfer-form">
        <label htmlFor="transfer-target" className="field__label">
          {t('supervisor.routing.reassignOne')}
        </label>
        <div className="transfer-form__row">
          <select
            id="transfer-target"
            className="field__input"
            value={targetAgentId}
            onChange={(event) => setTargetAgentId(event.target.value)}
            data-testid="transfer-target"
          >
            <AgentOptions agents={agents} />
          </select>
          <button
            type="submit"
            className="button button--secondary"
            disabled={isSending || targetAgentId === ''}
            data-testid="transfer-submit"
          >
            {t('supervisor.reassign.submit')}
          </button>
        </div>
        <p className="board-card__status" role="status">
          {outcome?.kind === 'done' ? t('supervisor.routing.transferred', { name: outcome.name }) : null}
          {outcome?.kind === 'refused' ? t('supervisor.routing.transferRefused') : null}
          {outcome?.kind === 'failed' ? t('supervisor.reassign.failed') : null}
        </p>
      </form>
      <Link
        className="board-card__link"
        to={`/inbox?view=all&conversation=${encodeURIComponent(conversationId)}`}
      >
        {t('supervisor.routing.open')}
      </Link>
    </section>
  );
}
