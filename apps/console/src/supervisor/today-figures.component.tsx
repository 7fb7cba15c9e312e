import { type SlaFigureRow, type SlaFigures, type TeamSummary } from '@vigie/contracts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConsoleSocket } from '../realtime/socket.client';
import { type ApiResult } from '../shared/http';
import { emptyFigureRow, formatResponseTime, formatShare, shareLevel } from './figures-format';
import { comparisonPoints, startOfZonedDay } from './figure-series';
import { fetchFigures } from './supervisor.api';
import { useLiveResource } from './use-live-resource.hook';
import { LoadFailed } from './load-failed.component';

type Today = { total: SlaFigureRow; byTeam: SlaFigures };

async function fetchToday(timeZone: string): Promise<ApiResult<Today>> {
  const from = startOfZonedDay({ now: new Date(), timeZone });
  const [byDay, byTeam] = await Promise.all([
    fetchFigures({ from, groupBy: 'day', timeZone }),
    fetchFigures({ from, groupBy: 'team', timeZone }),
  ]);
  if (byDay.kind === 'failed') return byDay;
  if (byTeam.kind === 'failed') return byTeam;
  return {
    kind: 'ok',
    status: 200,
    body: { total: byDay.body.rows[0] ?? emptyFigureRow, byTeam: byTeam.body },
  };
}

/**
 * Today so far, in the reader's zone (`GET /api/sla/figures` from midnight): answered within the customer's hour,
 * contract compliance, first-response p50/p90 in both clocks; then the same per team. Read again when a clock is
 * fulfilled or breached (`sla.updated`, `sla.breached`), and every minute.
 */
export const TodayFigures = memo(function TodayFigures(params: {
  /** Today's date in the zone: the figures start again at midnight. */
  day: string;
  timeZone: string;
  socket: ConsoleSocket | null;
  reconnections: number;
  teams: TeamSummary[];
}) {
  const { day, timeZone, teams } = params;
  const { t, i18n } = useTranslation();
  const today = useLiveResource({
    key: `today:${day}:${timeZone}`,
    load: () => fetchToday(timeZone),
    socket: params.socket,
    reconnections: params.reconnections,
    events: ['sla.updated', 'sla.breached'],
    pollMs: 60_000,
  });
  const total = today.data?.total ?? emptyFigureRow;
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const byTeam = comparisonPoints(today.data?.byTeam.rows ?? [], (key) =>
    key === null ? t('supervisor.today.noResponder') : (teamNames.get(key) ?? null),
  );
  const rowsByKey = new Map((today.data?.byTeam.rows ?? []).map((row) => [row.key, row]));
  const language = i18n.language;

  return (
    <section className="board-today" aria-labelledby="today-heading" data-testid="today-figures">
      <h2 id="today-heading" className="board-today__heading">
        {t('supervisor.today.heading')}
      </h2>
      <LoadFailed hasFailed={today.hasFailed} />
      <dl className="figure-tiles">
        <div className="figure-tile">
          <dt>{t('supervisor.today.conversations')}</dt>
          <dd data-testid="today-conversations">{total.conversations}</dd>
        </div>
        <div className={`figure-tile figure-tile--${shareLevel(total.answeredWithinPromise)}`}>
          <dt>{t('supervisor.today.withinHour')}</dt>
          <dd data-testid="today-within-hour">{formatShare(total.answeredWithinPromise, language)}</dd>
        </div>
        <div className={`figure-tile figure-tile--${shareLevel(total.compliance)}`}>
          <dt>{t('supervisor.today.compliance')}</dt>
          <dd data-testid="today-compliance">{formatShare(total.compliance, language)}</dd>
        </div>
        <div className="figure-tile">
          <dt>{t('supervisor.today.firstResponseCustomer')}</dt>
          <dd>
            {formatResponseTime(total.customerP50Ms)}
            <span className="figure-tile__secondary"> · {formatResponseTime(total.customerP90Ms)}</span>
          </dd>
        </div>
        <div className="figure-tile">
          <dt>{t('supervisor.today.firstResponseContract')}</dt>
          <dd>
            {formatResponseTime(total.contractP50Ms)}
            <span className="figure-tile__secondary"> · {formatResponseTime(total.contractP90Ms)}</span>
          </dd>
        </div>
      </dl>
      {byTeam.length > 0 ? (
        <div className="table-scroll">
          <table className="board-table board-table--compact" data-testid="today-teams">
            <caption className="board-table__caption">{t('supervisor.today.byTeam')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.today.team')}</th>
                <th scope="col">{t('supervisor.today.conversations')}</th>
                <th scope="col">{t('supervisor.today.withinHour')}</th>
                <th scope="col">{t('supervisor.today.compliance')}</th>
                <th scope="col">{t('supervisor.today.p50p90Customer')}</th>
                <th scope="col">{t('supervisor.today.p50p90Contract')}</th>
              </tr>
            </thead>
            <tbody>
              {byTeam.map((point) => {
                const row = rowsByKey.get(point.key) ?? emptyFigureRow;
                return (
                  <tr key={point.key ?? 'none'}>
                    <th scope="row">{point.name}</th>
                    <td>{row.conversations}</td>
                    <td className={`share share--${shareLevel(row.answeredWithinPromise)}`}>
                      {formatShare(row.answeredWithinPromise, language)}
                    </td>
                    <td className={`share share--${shareLevel(row.compliance)}`}>
                      {formatShare(row.compliance, language)}
                    </td>
                    <td>
                      {formatResponseTime(row.customerP50Ms)} · {formatResponseTime(row.customerP90Ms)}
                    </td>
                    <td>
                      {formatResponseTime(row.contractP50Ms)} · {formatResponseTime(row.contractP90Ms)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
});
