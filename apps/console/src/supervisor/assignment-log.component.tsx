import { type RoutingAgentView } from '@vigie/contracts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConsoleSocket } from '../realtime/socket.client';
import { RelativeTime } from '../shared/relative-time.component';
import { fetchAssignmentLog } from './supervisor.api';
import { useLiveResource } from './use-live-resource.hook';
import { LoadFailed } from './load-failed.component';

const shownEntries = 12;

/** The latest assignments with routing's reason for each (`GET /api/routing/log`), live on `conversation.assigned`. */
export const AssignmentLogSection = memo(function AssignmentLogSection(params: {
  agents: RoutingAgentView[];
  socket: ConsoleSocket | null;
  reconnections: number;
  onSelect: (conversationId: string) => void;
}) {
  const { agents } = params;
  const { t } = useTranslation();
  const log = useLiveResource({
    key: 'assignment-log',
    load: () => fetchAssignmentLog({ limit: shownEntries }),
    socket: params.socket,
    reconnections: params.reconnections,
    events: ['conversation.assigned'],
  });
  const nameOf = (agentId: string | null) =>
    agentId === null
      ? t('supervisor.log.queue')
      : (agents.find((agent) => agent.userId === agentId)?.displayName ?? t('supervisor.unknownAgent'));
  const entries = log.data?.items ?? [];

  return (
    <section className="board-card" aria-labelledby="log-heading" data-testid="assignment-log">
      <h2 id="log-heading">{t('supervisor.log.heading')}</h2>
      <LoadFailed hasFailed={log.hasFailed} />
      {log.data && entries.length === 0 ? (
        <p className="board-card__empty">{t('supervisor.log.empty')}</p>
      ) : (
        <ol className="routing-history">
          {entries.map((entry) => (
            <li key={entry.id} className="routing-history__entry" data-testid="assignment-log-entry">
              <span className="routing-history__when">
                <RelativeTime iso={entry.at} /> · {t(`supervisor.log.actions.${entry.action}`)} ·{' '}
                {nameOf(entry.agentId)}
              </span>
              <span className="routing-history__why">{entry.explanation}</span>
              <button
                type="button"
                className="link-button routing-history__open"
                onClick={() => params.onSelect(entry.conversationId)}
              >
                {t('supervisor.log.show')}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
