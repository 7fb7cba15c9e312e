import { type AgentStatusChanged, type RoutingAgentStatus, type SessionUser } from '@vigie/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConsoleSocket } from '../realtime/socket.client';
import { agentStatuses } from './assignment';
import { fetchRoutingAgents, putMyStatus } from './routing.api';
import './routing.css';

/** The agent's own availability for routing (online / away / offline); follows changes made elsewhere. */
export function StatusSwitch(params: {
  user: SessionUser;
  socket: ConsoleSocket | null;
  reconnections: number;
}) {
  const { user, socket, reconnections } = params;
  const { t } = useTranslation();
  const [status, setStatus] = useState<RoutingAgentStatus | null>(null);
  const [hasFailed, setHasFailed] = useState(false);

  const [isLoaded, setIsLoaded] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    const load = () =>
      void fetchRoutingAgents().then((result) => {
        if (!isCurrent || result.kind !== 'ok') return;
        // No routing profile yet (first connection still being recorded): the switch shows "unknown".
        setStatus(result.body.find((agent) => agent.userId === user.id)?.status ?? null);
        setIsLoaded(true);
      });
    load();
    // Connecting a console changes presence server-side: read the status again once the socket is up.
    socket?.on('connect', load);
    return () => {
      isCurrent = false;
      socket?.off('connect', load);
    };
  }, [user.id, socket, reconnections]);

  useEffect(() => {
    if (!socket) return;
    const onChanged = (event: AgentStatusChanged) => {
      if (event.userId === user.id) setStatus(event.status);
    };
    socket.on('agent.status.changed', onChanged);
    return () => {
      socket.off('agent.status.changed', onChanged);
    };
  }, [socket, user.id]);

  async function change(next: RoutingAgentStatus) {
    const previous = status;
    setStatus(next);
    const result = await putMyStatus(next);
    setHasFailed(result.kind === 'failed');
    if (result.kind === 'ok') setStatus(result.body.status);
    else setStatus(previous);
  }

  if (!isLoaded) return null;
  return (
    <span className="status-switch">
      <label htmlFor="my-status" className="visually-hidden">
        {t('routing.status.label')}
      </label>
      <select
        id="my-status"
        className={`field__input status-switch__select status-switch__select--${status ?? 'unknown'}`}
        value={status ?? ''}
        onChange={(event) => void change(event.target.value as RoutingAgentStatus)}
        data-testid="my-status"
      >
        {status === null ? (
          <option value="" disabled>
            {t('routing.status.unknown')}
          </option>
        ) : null}
        {agentStatuses.map((option) => (
          <option key={option} value={option}>
            {t(`routing.status.${option}`)}
          </option>
        ))}
      </select>
      {hasFailed ? (
        <span className="status-switch__error" role="alert">
          {t('routing.status.failed')}
        </span>
      ) : null}
    </span>
  );
}
