import { type RoutingAgentView, type TeamSummary } from '@vigie/contracts';
import { type FormEvent, memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConsoleSocket } from '../realtime/socket.client';
import { loadLevel, loadRatio, maxCapacity, parseCapacity, sortAgents } from './agent-load';
import { figuresFor, formatResponseTime, formatShare, shareLevel } from './figures-format';
import { startOfZonedDay } from './figure-series';
import { fetchFigures, putCapacity } from './supervisor.api';
import { useLiveResource } from './use-live-resource.hook';
import { LoadFailed } from './load-failed.component';

type CapacityNotice = { kind: 'saved' | 'invalid' | 'failed'; name: string; capacity?: number } | null;

/**
 * Every agent: routing status (live on `agent.status.changed`), load against capacity, today's first-response
 * figures, and the capacity changed inline (`PUT /api/routing/agents/:userId/capacity`).
 */
export const AgentsSection = memo(function AgentsSection(params: {
  agents: RoutingAgentView[];
  teams: TeamSummary[];
  isLoaded: boolean;
  hasFailed: boolean;
  /** Today's date in the zone: the figures start again at midnight. */
  day: string;
  timeZone: string;
  socket: ConsoleSocket | null;
  reconnections: number;
}) {
  const { agents, teams, day, timeZone } = params;
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState<CapacityNotice>(null);
  const figures = useLiveResource({
    key: `agents-today:${day}:${timeZone}`,
    load: () =>
      fetchFigures({ from: startOfZonedDay({ now: new Date(), timeZone }), groupBy: 'agent', timeZone }),
    socket: params.socket,
    reconnections: params.reconnections,
    events: ['sla.updated', 'sla.breached'],
    pollMs: 60_000,
  });
  const sorted = useMemo(() => sortAgents(agents), [agents]);
  const teamNames = useMemo(() => new Map(teams.map((team) => [team.id, team.name])), [teams]);
  const counts = {
    online: agents.filter((agent) => agent.status === 'online').length,
    away: agents.filter((agent) => agent.status === 'away').length,
    offline: agents.filter((agent) => agent.status === 'offline').length,
  };

  return (
    <section className="board-card" aria-labelledby="agents-heading" data-testid="agents">
      <div className="board-card__header">
        <h2 id="agents-heading">{t('supervisor.agents.heading')}</h2>
        <p className="board-card__meta">{t('supervisor.agents.counts', counts)}</p>
      </div>
      <p className="board-card__status" role="status" data-testid="capacity-outcome">
        {notice
          ? t(`supervisor.agents.capacity.${notice.kind}`, { name: notice.name, capacity: notice.capacity })
          : null}
      </p>
      <LoadFailed hasFailed={params.hasFailed} />
      {params.isLoaded && agents.length === 0 ? (
        <p className="board-card__empty">{t('supervisor.agents.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="board-table" data-testid="agents-table">
            <caption className="visually-hidden">{t('supervisor.agents.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.agents.columns.agent')}</th>
                <th scope="col">{t('supervisor.agents.columns.status')}</th>
                <th scope="col">{t('supervisor.agents.columns.load')}</th>
                <th scope="col">{t('supervisor.agents.columns.capacity')}</th>
                <th scope="col">{t('supervisor.agents.columns.withinHour')}</th>
                <th scope="col">{t('supervisor.agents.columns.compliance')}</th>
                <th scope="col">{t('supervisor.agents.columns.firstResponse')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((agent) => {
                const agentToday = figuresFor(figures.data?.rows ?? [], agent.userId);
                const teamLabel = agent.teamIds
                  .map((teamId) => teamNames.get(teamId))
                  .filter((name): name is string => Boolean(name))
                  .join(', ');
                return (
                  <tr key={agent.userId} data-testid="agent-row" data-agent-id={agent.userId}>
                    <th scope="row">
                      <span className="agent-cell__name">{agent.displayName}</span>
                      {teamLabel ? <span className="agent-cell__teams">{teamLabel}</span> : null}
                    </th>
                    <td data-testid="agent-status" data-status={agent.status}>
                      <span className={`status-dot status-dot--${agent.status}`} aria-hidden="true" />
                      {t(`routing.status.${agent.status}`)}
                      {agent.isWithinHours === false ? (
                        <span className="agent-cell__hours"> · {t('supervisor.agents.outsideHours')}</span>
                      ) : null}
                    </td>
                    <td>
                      <span className="load">
                        <span className={`load__bar load__bar--${loadLevel(agent)}`} aria-hidden="true">
                          <span style={{ width: `${Math.round(loadRatio(agent) * 100)}%` }} />
                        </span>
                        <span data-testid="agent-load">
                          {t('supervisor.agents.load', { open: agent.openCount, capacity: agent.capacity })}
                        </span>
                      </span>
                    </td>
                    <td>
                      <CapacityForm
                        key={`${agent.userId}:${agent.capacity}`}
                        agent={agent}
                        onDone={(next) => setNotice(next)}
                      />
                    </td>
                    <td className={`share share--${shareLevel(agentToday.answeredWithinPromise)}`}>
                      {formatShare(agentToday.answeredWithinPromise, i18n.language)}
                    </td>
                    <td className={`share share--${shareLevel(agentToday.compliance)}`}>
                      {formatShare(agentToday.compliance, i18n.language)}
                    </td>
                    <td>{formatResponseTime(agentToday.customerP50Ms)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
});

/** The capacity typed in place; keyed by the capacity, so a change from elsewhere resets what is typed. */
function CapacityForm(params: { agent: RoutingAgentView; onDone: (notice: CapacityNotice) => void }) {
  const { agent, onDone } = params;
  const { t } = useTranslation();
  const [text, setText] = useState(String(agent.capacity));
  const [isSaving, setIsSaving] = useState(false);
  const inputId = `capacity-${agent.userId}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    const capacity = parseCapacity(text);
    if (capacity === null) {
      onDone({ kind: 'invalid', name: agent.displayName });
      return;
    }
    setIsSaving(true);
    const result = await putCapacity({ userId: agent.userId, capacity });
    setIsSaving(false);
    onDone(
      result.kind === 'ok'
        ? { kind: 'saved', name: agent.displayName, capacity: result.body.capacity }
        : { kind: 'failed', name: agent.displayName },
    );
  }

  return (
    <form className="capacity-form" onSubmit={(event) => void save(event)} data-testid="capacity-form">
      <label htmlFor={inputId} className="visually-hidden">
        {t('supervisor.agents.capacity.label', { name: agent.displayName })}
      </label>
      <input
        id={inputId}
        className="field__input capacity-form__input"
        type="number"
        inputMode="numeric"
        min={0}
        max={maxCapacity}
        step={1}
        value={text}
        onChange={(event) => setText(event.target.value)}
        data-testid="capacity-input"
      />
      <button
        type="submit"
        className="button button--secondary capacity-form__save"
        disabled={isSaving || text.trim() === String(agent.capacity)}
        data-testid="capacity-save"
      >
        {t('supervisor.agents.capacity.save')}
        <span className="visually-hidden"> {agent.displayName}</span>
      </button>
    </form>
  );
}
