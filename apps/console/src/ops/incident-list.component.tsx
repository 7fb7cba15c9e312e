import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from './load-failed.component';
import { useNow } from '../shared/use-now.hook';
import { Link } from 'react-router';
import { SeverityBadge, StatusBadge, useIncidentName } from './ops-badges.component';
import { incidentStatusKey } from './incidents';
import { formatCount, formatInstant } from './ops-format';
import { type IncidentsState } from './use-incidents.hook';

/** The incidents, open first and the most severe first, live: new ones appear and counts move without a reload. */
export function IncidentList({ state }: { state: IncidentsState }) {
  const { t, i18n } = useTranslation();
  const incidentName = useIncidentName();
  const headingId = useId();
  const language = i18n.language;
  const nowMs = useNow(30_000).getTime();
  const { incidents } = state;
  return (
    <section className="ops-card" aria-labelledby={headingId}>
      <div className="ops-card__header">
        <h2 id={headingId}>{t('ops.list.heading')}</h2>
      </div>
      {state.hasFailed ? <LoadFailed onRetry={state.retry} /> : null}
      {incidents === null && !state.hasFailed ? <p className="ops-muted">{t('ops.loading')}</p> : null}
      {incidents && incidents.length === 0 ? (
        <p className="ops-muted" data-testid="incident-list-empty">
          {t('ops.list.empty')}
        </p>
      ) : null}
      {incidents && incidents.length > 0 ? (
        <div className="ops-table-wrap">
          <table className="ops-table" data-testid="incident-list">
            <caption className="visually-hidden">{t('ops.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ops.list.columns.severity')}</th>
                <th scope="col">{t('ops.list.columns.incident')}</th>
                <th scope="col">{t('ops.list.columns.started')}</th>
                <th scope="col" className="ops-table__number">
                  {t('ops.list.columns.mentions')}
                </th>
                <th scope="col" className="ops-table__number">
                  {t('ops.list.columns.conversations')}
                </th>
                <th scope="col">{t('ops.list.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((incident) => (
                <tr
                  key={incident.id}
                  className={incident.status === 'open' ? 'ops-table__row--open' : undefined}
                  data-testid="incident-row"
                  data-incident-id={incident.id}
                  data-topic={incident.topic}
                  data-status={incidentStatusKey(incident)}
                >
                  <td>
                    <SeverityBadge severity={incident.severity} />
                  </td>
                  <td>
                    <Link to={`/ops/incidents/${incident.id}`} className="ops-table__link">
                      {incidentName(incident)}
                    </Link>
                  </td>
                  <td>
                    <time dateTime={incident.startedAt}>
                      {formatInstant({ iso: incident.startedAt, language, nowMs })}
                    </time>
                  </td>
                  <td className="ops-table__number" data-testid="incident-mentions">
                    {t('ops.list.mentions', {
                      count: formatCount(incident.mentionCount, language),
                      expected: formatCount(incident.baselineCount, language),
                    })}
                  </td>
                  <td className="ops-table__number">
                    {formatCount(incident.linkedConversationCount, language)}
                  </td>
                  <td>
                    <StatusBadge incident={incident} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
