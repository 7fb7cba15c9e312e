import { type RoutingAgentView } from '@vigie/contracts';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactLabel } from '../conversation/contact-label';
import { AgentOptions } from './agent-options.component';
import {
  type AttentionFilter,
  type AttentionRow,
  countByState,
  filterRows,
  formatCountdown,
  reassignmentReason,
  type ReassignmentSummary,
  selectedShown,
  sortByTimeLeft,
  type SortDirection,
  summarizeReassignment,
} from './attention';
import { postBulkReassign } from './supervisor.api';
import { LoadFailed } from './load-failed.component';

const filters: AttentionFilter[] = ['all', 'breached', 'at_risk'];

type Outcome = { kind: 'done'; summary: ReassignmentSummary; agentName: string } | { kind: 'failed' } | null;

/**
 * Conversations at risk and breached, sortable by time left, with their two countdowns (moving every second) and
 * who holds them. Supervisors and admins select rows and reassign them to one agent (`POST
 * /api/routing/bulk-reassign`); the customer's name opens the conversation's routing beside the table.
 */
export function AttentionSection(params: {
  rows: AttentionRow[];
  isLoaded: boolean;
  hasFailed: boolean;
  /** Null for roles that do not see agents (ops): no assignee names, no reassignment. */
  agents: RoutingAgentView[] | null;
  selectedId: string | null;
  onSelect: (conversationId: string) => void;
  onChanged: () => void;
}) {
  const { rows, agents, selectedId, onSelect } = params;
  const { t } = useTranslation();
  const [direction, setDirection] = useState<SortDirection>('ascending');
  const [filter, setFilter] = useState<AttentionFilter>('all');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [targetAgentId, setTargetAgentId] = useState('');
  const [isSending, setIsSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const selectAll = useRef<HTMLInputElement>(null);

  const counts = countByState(rows);
  const shown = useMemo(() => sortByTimeLeft(filterRows(rows, filter), direction), [rows, filter, direction]);
  const chosen = selectedShown(shown, selected);
  const agentsById = useMemo(() => new Map((agents ?? []).map((agent) => [agent.userId, agent])), [agents]);
  const canManage = agents !== null;

  useEffect(() => {
    if (selectAll.current)
      selectAll.current.indeterminate = chosen.length > 0 && chosen.length < shown.length;
  }, [chosen.length, shown.length]);

  function toggle(conversationId: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(conversationId)) next.delete(conversationId);
      else next.add(conversationId);
      return next;
    });
  }

  async function reassign(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0 || !targetAgentId) return;
    setIsSending(true);
    const result = await postBulkReassign({ conversationIds: chosen, targetAgentId });
    setIsSending(false);
    if (result.kind === 'failed') {
      setOutcome({ kind: 'failed' });
      return;
    }
    const accepted = new Set(
      result.body.results.filter((item) => item.outcome === 'accepted').map((item) => item.conversationId),
    );
    setSelected((current) => new Set([...current].filter((id) => !accepted.has(id))));
    setOutcome({
      kind: 'done',
      summary: summarizeReassignment(result.body.results),
      agentName: agentsById.get(targetAgentId)?.displayName ?? t('supervisor.unknownAgent'),
    });
    params.onChanged();
  }

  function assigneeName(assigneeId: string | null): string {
    if (assigneeId === null) return t('supervisor.attention.unassigned');
    if (!canManage) return t('supervisor.attention.assigned');
    return agentsById.get(assigneeId)?.displayName ?? t('supervisor.unknownAgent');
  }

  const sortLabel = t(`supervisor.attention.sort.${direction}`);

  return (
    <section className="board-card" aria-labelledby="attention-heading" data-testid="attention">
      <div className="board-card__header">
        <h2 id="attention-heading">{t('supervisor.attention.heading')}</h2>
        <p className="board-card__meta" data-testid="attention-counts">
          {t('supervisor.attention.counts', { breached: counts.breached, atRisk: counts.at_risk })}
        </p>
      </div>
      <div className="board-card__tools">
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('supervisor.attention.filter.label')}</legend>
          {filters.map((option) => (
            <label key={option} className="segmented__option">
              <input
                type="radio"
                name="attention-filter"
                value={option}
                checked={filter === option}
                onChange={() => setFilter(option)}
              />
              <span>
                {t(`supervisor.attention.filter.${option}`)}{' '}
                <span className="segmented__count">{option === 'all' ? rows.length : counts[option]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {canManage ? (
          <form
            className="reassign-bar"
            onSubmit={(event) => void reassign(event)}
            data-testid="bulk-reassign"
          >
            <span className="reassign-bar__count">
              {t('supervisor.reassign.selected', { count: chosen.length })}
            </span>
            <label htmlFor="bulk-reassign-target" className="reassign-bar__label">
              {t('supervisor.reassign.target')}
            </label>
            <select
              id="bulk-reassign-target"
              className="field__input reassign-bar__select"
              value={targetAgentId}
              onChange={(event) => setTargetAgentId(event.target.value)}
              data-testid="bulk-reassign-target"
            >
              <AgentOptions agents={agents ?? []} />
            </select>
            <button
              type="submit"
              className="button button--primary"
              disabled={isSending || chosen.length === 0 || targetAgentId === ''}
              data-testid="bulk-reassign-submit"
            >
              {isSending ? t('supervisor.reassign.submitting') : t('supervisor.reassign.submit')}
            </button>
          </form>
        ) : null}
      </div>
      <p className="board-card__status" role="status" data-testid="bulk-reassign-outcome">
        {outcome?.kind === 'failed' ? t('supervisor.reassign.failed') : null}
        {outcome?.kind === 'done' ? <ReassignmentText {...outcome} /> : null}
      </p>
      <LoadFailed hasFailed={params.hasFailed} />
      {params.isLoaded && shown.length === 0 ? (
        <p className="board-card__empty" data-testid="attention-empty">
          {t('supervisor.attention.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="board-table attention-table" data-testid="attention-table">
            <caption className="visually-hidden">{t('supervisor.attention.caption')}</caption>
            <thead>
              <tr>
                {canManage ? (
                  <th scope="col" className="board-table__check">
                    <input
                      ref={selectAll}
                      type="checkbox"
                      aria-label={t('supervisor.attention.selectAll')}
                      checked={shown.length > 0 && chosen.length === shown.length}
                      onChange={(event) =>
                        setSelected(
                          event.target.checked ? new Set(shown.map((row) => row.item.id)) : new Set(),
                        )
                      }
                    />
                  </th>
                ) : null}
                <th scope="col">{t('supervisor.attention.columns.customer')}</th>
                <th scope="col">{t('supervisor.attention.columns.message')}</th>
                <th scope="col">{t('supervisor.attention.columns.priority')}</th>
                <th scope="col" aria-sort={direction}>
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => setDirection(direction === 'ascending' ? 'descending' : 'ascending')}
                    data-testid="sort-time-left"
                  >
                    {t('supervisor.attention.columns.timeLeft')}
                    <span aria-hidden="true">{direction === 'ascending' ? ' ↑' : ' ↓'}</span>
                    <span className="visually-hidden">, {sortLabel}</span>
                  </button>
                </th>
                <th scope="col">{t('supervisor.attention.columns.assignee')}</th>
                <th scope="col">{t('supervisor.attention.columns.state')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => {
                const name = contactLabel(row.item.contact);
                const isChosen = selected.has(row.item.id);
                return (
                  <tr
                    key={row.item.id}
                    className={`attention-row${row.item.id === selectedId ? ' attention-row--open' : ''}`}
                    data-testid="attention-row"
                    data-conversation-id={row.item.id}
                    data-state={row.state}
                  >
                    {canManage ? (
                      <td className="board-table__check">
                        <input
                          type="checkbox"
                          checked={isChosen}
                          onChange={() => toggle(row.item.id)}
                          aria-label={t('supervisor.attention.selectRow', { name })}
                          data-testid="attention-select"
                        />
                      </td>
                    ) : null}
                    <th scope="row" className="attention-row__customer">
                      {canManage ? (
                        <button
                          type="button"
                          className="link-button"
                          aria-pressed={row.item.id === selectedId}
                          onClick={() => onSelect(row.item.id)}
                          title={t('supervisor.attention.showRouting', { name })}
                        >
                          {name}
                        </button>
                      ) : (
                        name
                      )}
                    </th>
                    <td className="attention-row__preview">{row.item.lastMessagePreview}</td>
                    <td>
                      {row.item.priority ? (
                        <span className={`priority-badge priority-badge--${row.item.priority}`}>
                          {t(`routing.priority.${row.item.priority}`)}
                        </span>
                      ) : null}
                    </td>
                    <td className="attention-row__clocks">
                      {row.badges.map((badge) => (
                        <span
                          key={badge.clock}
                          className={`row-sla row-sla--${badge.level}`}
                          data-testid="board-sla"
                          data-clock={badge.clock}
                          data-level={badge.level}
                          title={badge.explanation ?? undefined}
                        >
                          <span className="row-sla__clock">{t(`inbox.list.sla.${badge.clock}`)}</span>{' '}
                          {badge.remainingMs === null
                            ? t(`sla.level.${badge.level}`)
                            : formatCountdown(badge.remainingMs)}
                        </span>
                      ))}
                    </td>
                    <td data-testid="attention-assignee">{assigneeName(row.item.assigneeId)}</td>
                    <td>
                      <span className={`state-chip state-chip--${row.state}`}>
                        {t(`supervisor.attention.state.${row.state}`)}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ReassignmentText({ summary, agentName }: { summary: ReassignmentSummary; agentName: string }) {
  const { t } = useTranslation();
  const parts = [
    summary.accepted > 0
      ? t('supervisor.reassign.accepted', { count: summary.accepted, name: agentName })
      : null,
    summary.unchanged > 0 ? t('supervisor.reassign.unchanged', { count: summary.unchanged }) : null,
    ...summary.rejected.map(({ why, count }) =>
      t('supervisor.reassign.rejected', {
        count,
        reason: t(`supervisor.reassign.why.${reassignmentReason(why)}`),
      }),
    ),
  ].filter((part): part is string => part !== null);
  return <>{parts.join(' ')}</>;
}
