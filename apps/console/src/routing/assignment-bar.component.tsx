import {
  type ConversationAssigned,
  type RoutingAgentView,
  type RoutingConversationView,
  type SessionUser,
} from '@vigie/contracts';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcutFor } from '../inbox/shortcuts';
import { type ConsoleSocket } from '../realtime/socket.client';
import { applyAssignment, assigneeOf, canClaim } from './assignment';
import { claimConversation, fetchRoutingAgents, fetchRoutingConversation } from './routing.api';
import './routing.css';

/**
 * Who holds the open conversation (routing's view) and "Assign to me" for agents (also the `a` key). Follows
 * `conversation.assigned` live. The priority and its reasons are the conversation's `PriorityControl`.
 */
export function AssignmentBar(params: {
  conversationId: string;
  user: SessionUser;
  socket: ConsoleSocket | null;
  reconnections: number;
}) {
  const { conversationId, user, socket, reconnections } = params;
  const { t } = useTranslation();
  const [routing, setRouting] = useState<RoutingConversationView | null>(null);
  const [agents, setAgents] = useState<RoutingAgentView[]>([]);
  const [claimError, setClaimError] = useState<'conflict' | 'failed' | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void Promise.all([fetchRoutingConversation(conversationId), fetchRoutingAgents()]).then(
      ([routingResult, agentsResult]) => {
        if (!isCurrent) return;
        if (routingResult.kind === 'ok') setRouting(routingResult.body);
        if (agentsResult.kind === 'ok') setAgents(agentsResult.body);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [conversationId, reconnections]);

  useEffect(() => {
    if (!socket) return;
    const onAssigned = (event: ConversationAssigned) =>
      setRouting((current) => (current ? applyAssignment(current, event) : current));
    socket.on('conversation.assigned', onAssigned);
    return () => {
      socket.off('conversation.assigned', onAssigned);
    };
  }, [socket]);

  const isClaimable = routing !== null && canClaim({ routing, role: user.role, userId: user.id });

  async function claim() {
    setClaimError(null);
    const result = await claimConversation(conversationId);
    if (result.kind === 'ok') setRouting(result.body);
    else
      setClaimError(result.failure.kind === 'http' && result.failure.status === 409 ? 'conflict' : 'failed');
  }
  const claimOnKey = useEffectEvent(() => {
    if (isClaimable) void claim();
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (shortcutFor(event) !== 'assign') return;
      event.preventDefault();
      claimOnKey();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!routing) return null;
  const assignee = assigneeOf({ routing, agents, userId: user.id });
  return (
    <div className="assignment-bar" data-testid="assignment-bar">
      <span aria-live="polite" data-testid="assignee" data-assignee={assignee.kind}>
        {assignee.kind === 'colleague'
          ? t('routing.assignee.colleague', { name: assignee.name ?? t('routing.assignee.unknownColleague') })
          : t(`routing.assignee.${assignee.kind}`)}
      </span>
      {isClaimable ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void claim()}
          aria-keyshortcuts="a"
          data-testid="action-claim"
        >
          {t('routing.claim')}
        </button>
      ) : null}
      {claimError ? (
        <p className="notice notice--error" role="alert">
          {t(`routing.claimErrors.${claimError}`)}
        </p>
      ) : null}
    </div>
  );
}
