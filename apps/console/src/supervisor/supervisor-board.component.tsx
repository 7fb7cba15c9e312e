import {
  type AgentStatusChanged,
  type ConversationAssigned,
  type RoutingAgentView,
  type SessionUser,
  type SlaAlertDigest,
  type SlaUpdated,
} from '@vigie/contracts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  appendPage,
  applySlaAlerts,
  emptyConversationList,
  patchConversation,
  patchSlaClocks,
} from '../inbox/conversation-list';
import { type ConsoleSocket, listen } from '../realtime/socket.client';
import { fetchRoutingAgents } from '../routing/routing.api';
import { type ApiResult } from '../shared/http';
import { applyAgentChange } from './agent-load';
import { dayKeys } from './figure-series';
import { AgentsSection } from './agents-section.component';
import { AssignmentLogSection } from './assignment-log.component';
import { attentionRows } from './attention';
import { AttentionSection } from './attention-section.component';
import { ConversationRouting } from './conversation-routing.component';
import { fetchAttention, fetchTeams } from './supervisor.api';
import { TodayFigures } from './today-figures.component';
import { useLiveResource } from './use-live-resource.hook';
import { useNow } from '../shared/use-now.hook';
import '../routing/routing.css';
import './supervisor.css';

const loadCharts = () => import('./supervisor-charts.component');
type ChartsModule = Awaited<ReturnType<typeof loadCharts>>;

const noAgents = (): Promise<ApiResult<RoutingAgentView[]>> =>
  Promise.resolve({ kind: 'ok', status: 200, body: [] });

/** The reader's zone: "today" and the charts' hours and days are theirs. */
const readerTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The live SLA board (issue 6, docs/console.md "Supervisor board"): conversations at risk and breached with their
 * countdowns, agents and their load, today's figures, the charts, and the reasons behind each assignment. Routing
 * actions (reassign, capacity) and the agents' details are for supervisors and admins, as the API decides.
 */
export function SupervisorBoard(params: {
  user: SessionUser;
  socket: ConsoleSocket | null;
  reconnections: number;
}) {
  const { user, socket, reconnections } = params;
  const { t } = useTranslation();
  const now = useNow(1000);
  const canManage = user.role === 'supervisor' || user.role === 'admin';
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [charts, setCharts] = useState<ChartsModule | null>(null);

  const attention = useLiveResource({
    key: 'attention',
    load: fetchAttention,
    socket,
    reconnections,
    events: ['sla.warning', 'sla.breached', 'sla.updated', 'conversation.assigned', 'conversation.updated'],
    pollMs: 15_000,
  });
  // GET /api/routing/agents answers agents, supervisors and admins: ops see the board without them.
  const agents = useLiveResource({
    key: canManage ? 'agents' : 'no-agents',
    load: canManage ? fetchRoutingAgents : noAgents,
    socket: canManage ? socket : null,
    reconnections,
    events: ['conversation.assigned', 'queue.changed'],
    pollMs: canManage ? 30_000 : undefined,
  });
  const teams = useLiveResource({ key: 'teams', load: fetchTeams, socket: null, reconnections });

  // Patch what events say before the next read confirms it: countdowns and assignees move at once.
  const { setData: setAttention } = attention;
  const { setData: setAgents } = agents;
  useEffect(() => {
    if (!socket) return;
    const patchBoth = (patch: (list: typeof emptyConversationList) => typeof emptyConversationList) =>
      setAttention((current) => {
        if (!current) return current;
        const breached = patch(appendPage(emptyConversationList, current.breached));
        const atRisk = patch(appendPage(emptyConversationList, current.atRisk));
        return {
          breached: { ...current.breached, items: breached.items },
          atRisk: { ...current.atRisk, items: atRisk.items },
        };
      });
    return listen(socket, {
      'sla.updated': (event: SlaUpdated) =>
        patchBoth((list) => patchSlaClocks(list, event.conversationId, event.clocks)),
      'sla.warning': (digest: SlaAlertDigest) => patchBoth((list) => applySlaAlerts(list, digest.alerts)),
      'sla.breached': (digest: SlaAlertDigest) => patchBoth((list) => applySlaAlerts(list, digest.alerts)),
      'conversation.assigned': (event: ConversationAssigned) =>
        patchBoth((list) => patchConversation(list, event.conversationId, { assigneeId: event.agentId })),
      'agent.status.changed': (event: AgentStatusChanged) =>
        setAgents((current) => (current ? applyAgentChange(current, event) : current)),
    });
  }, [socket, setAttention, setAgents]);

  useEffect(() => {
    let isCurrent = true;
    void loadCharts().then((module) => {
      if (isCurrent) setCharts(module);
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  const rows = useMemo(
    () =>
      attention.data
        ? attentionRows({ breached: attention.data.breached.items, atRisk: attention.data.atRisk.items, now })
        : [],
    [attention.data, now],
  );
  const agentList = useMemo(() => agents.data ?? [], [agents.data]);
  const day = dayKeys({ now, timeZone: readerTimeZone, days: 1 })[0] ?? '';
  const { refresh: refreshAttention } = attention;
  const { refresh: refreshAgents } = agents;
  const onChanged = useCallback(() => {
    refreshAttention();
    refreshAgents();
  }, [refreshAttention, refreshAgents]);
  const teamList = useMemo(() => teams.data ?? [], [teams.data]);
  const selectedRow = rows.find((row) => row.item.id === selectedId) ?? null;

  return (
    <main className="board" aria-labelledby="board-heading" data-testid="supervisor-board">
      <div className="board__heading">
        <h1 id="board-heading">{t('app.sections.slaBoard')}</h1>
        <p className="board__subtitle">{t('supervisor.subtitle')}</p>
      </div>
      <TodayFigures
        day={day}
        timeZone={readerTimeZone}
        socket={socket}
        reconnections={reconnections}
        teams={teamList}
      />
      <div className="board__columns">
        <div className="board__main">
          <AttentionSection
            rows={rows}
            isLoaded={attention.data !== null}
            hasFailed={attention.hasFailed}
            agents={canManage ? agentList : null}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onChanged={onChanged}
          />
          {canManage ? (
            <AgentsSection
              agents={agentList}
              teams={teamList}
              hasFailed={agents.hasFailed}
              isLoaded={agents.data !== null}
              day={day}
              timeZone={readerTimeZone}
              socket={socket}
              reconnections={reconnections}
            />
          ) : (
            <p className="notice notice--info board__note">{t('supervisor.agents.notForRole')}</p>
          )}
          {charts ? (
            <charts.SupervisorCharts
              timeZone={readerTimeZone}
              socket={socket}
              reconnections={reconnections}
              teams={teamList}
              agents={canManage ? agentList : null}
            />
          ) : (
            <p role="status" className="board__loading">
              {t('supervisor.charts.loading')}
            </p>
          )}
        </div>
        {canManage ? (
          <aside className="board__side" aria-label={t('supervisor.side')}>
            <ConversationRouting
              key={selectedId ?? 'none'}
              row={selectedRow}
              conversationId={selectedId}
              agents={agentList}
              socket={socket}
              reconnections={reconnections}
              onChanged={onChanged}
            />
            <AssignmentLogSection
              agents={agentList}
              socket={socket}
              reconnections={reconnections}
              onSelect={setSelectedId}
            />
          </aside>
        ) : null}
      </div>
    </main>
  );
}
