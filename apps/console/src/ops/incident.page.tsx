import { type SpikeIncidentView } from '@vigie/contracts';
import { assertNever } from '@vigie/kernel';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from './load-failed.component';
import { useNow } from '../shared/use-now.hook';
import { Link } from 'react-router';
import { useDocumentTitle } from '../shared/use-document-title.hook';
import { BulkAnswerComposer } from './bulk-answer-composer.component';
import { BulkAnswers } from './bulk-answers.component';
import { IncidentActions } from './incident-actions.component';
import { IncidentSamples, IncidentTerms, IncidentTimeline } from './incident-details.component';
import { LinkedConversations } from './linked-conversations.component';
import { SeverityBadge, StatusBadge, useIncidentName } from './ops-badges.component';
import { increaseRatio, mergeCandidates } from './incidents';
import { formatCount, formatInstant } from './ops-format';
import { useIncident } from './use-incident.hook';
import { type OpsLive, useIncidents } from './use-incidents.hook';

/** One incident (/ops/incidents/:id), live: its figures, actions, bulk answers, conversations and story. */
export function IncidentPage({ id, live }: { id: string; live: OpsLive }) {
  const { t } = useTranslation();
  const incidentName = useIncidentName();
  const { state, replace, retry } = useIncident({ id, ...live });
  const all = useIncidents(live);
  const title = state.status === 'ok' ? incidentName(state.incident) : t('app.sections.ops');
  useDocumentTitle(`${title} · ${t('app.name')}`);

  return (
    <main className="ops__main incident" aria-labelledby="incident-heading">
      <p className="incident__back">
        <Link to="/ops">← {t('ops.incident.back')}</Link>
      </p>
      {state.status === 'loading' ? <p className="ops-muted">{t('ops.loading')}</p> : null}
      {state.status === 'notFound' ? (
        <h1 id="incident-heading" className="ops__title">
          {t('ops.incident.notFound')}
        </h1>
      ) : null}
      {state.status === 'failed' ? <LoadFailed onRetry={retry} /> : null}
      {state.status === 'ok' ? (
        <IncidentContent
          incident={state.incident}
          candidates={mergeCandidates(state.incident, all.incidents ?? [])}
          onChanged={replace}
        />
      ) : null}
    </main>
  );
}

function IncidentContent({
  incident,
  candidates,
  onChanged,
}: {
  incident: SpikeIncidentView;
  candidates: SpikeIncidentView[];
  onChanged: (incident: SpikeIncidentView) => void;
}) {
  const { t, i18n } = useTranslation();
  const incidentName = useIncidentName();
  const language = i18n.language;
  const nowMs = useNow(30_000).getTime();
  const time = (iso: string) => formatInstant({ iso, language, nowMs });
  const ratio = increaseRatio(incident);
  const sla = slaStatement(incident);
  return (
    <div data-testid="incident-page" data-incident-id={incident.id} data-topic={incident.topic}>
      <header className="incident__header">
        <h1 id="incident-heading" className="ops__title">
          {incidentName(incident)}
        </h1>
        <div className="incident__badges">
          <SeverityBadge severity={incident.severity} />
          <StatusBadge incident={incident} />
        </div>
        <p className="incident__when ops-muted">
          {t('ops.incident.started', { time: time(incident.startedAt) })}
          {incident.endedAt ? ` · ${t('ops.incident.ended', { time: time(incident.endedAt) })}` : null}
        </p>
      </header>
      {incident.mergedIntoId ? (
        <p className="notice notice--info">
          {t('ops.incident.mergedInto')}{' '}
          <Link to={`/ops/incidents/${incident.mergedIntoId}`}>{t('ops.incident.openOther')}</Link>
        </p>
      ) : null}
      {incident.splitFromId ? (
        <p className="notice notice--info">
          {t('ops.incident.splitFrom')}{' '}
          <Link to={`/ops/incidents/${incident.splitFromId}`}>{t('ops.incident.openOther')}</Link>
        </p>
      ) : null}
      <dl className="incident__figures">
        <div className="incident__figure">
          <dt>{t('ops.incident.mentions')}</dt>
          <dd data-testid="incident-mention-count">{formatCount(incident.mentionCount, language)}</dd>
        </div>
        <div className="incident__figure">
          <dt>{t('ops.incident.expected')}</dt>
          <dd>
            {formatCount(incident.baselineCount, language)}
            {ratio !== null ? (
              <span className="incident__ratio">
                {' '}
                {t('ops.incident.ratio', { ratio: formatCount(ratio, language) })}
              </span>
            ) : null}
          </dd>
        </div>
        <div className="incident__figure">
          <dt>{t('ops.incident.conversations')}</dt>
          <dd data-testid="incident-linked-count">
            {formatCount(incident.linkedConversationCount, language)}
          </dd>
        </div>
        <div className={`incident__figure incident__figure--sla-${slaLevel(incident)}`}>
          <dt>{t('ops.incident.sla.label')}</dt>
          <dd>{t(sla.key, { time: time(sla.at) })}</dd>
        </div>
      </dl>
      <IncidentActions incident={incident} mergeCandidates={candidates} onChanged={onChanged} />
      <div className="incident__grid">
        <div className="incident__column">
          <BulkAnswers incident={incident} />
          <BulkAnswerComposer incident={incident} />
          <LinkedConversations incident={incident} onChanged={onChanged} />
        </div>
        <div className="incident__column">
          <IncidentTimeline incident={incident} />
          <IncidentTerms incident={incident} />
          <IncidentSamples incident={incident} />
        </div>
      </div>
    </div>
  );
}

type SlaLevel = 'running' | 'warned' | 'breached' | 'fulfilled' | 'stopped';

function slaLevel(incident: SpikeIncidentView): SlaLevel {
  const { sla } = incident;
  if (sla.status !== 'running') return sla.status;
  if (sla.breachedAt) return 'breached';
  return sla.warnedAt ? 'warned' : 'running';
}

const slaKeys = {
  running: 'ops.incident.sla.running',
  warned: 'ops.incident.sla.warned',
  breached: 'ops.incident.sla.breached',
  fulfilled: 'ops.incident.sla.fulfilled',
  fulfilledLate: 'ops.incident.sla.fulfilledLate',
  stopped: 'ops.incident.sla.stopped',
} as const;

/** What the SLA figure says, and the instant it names. */
function slaStatement(incident: SpikeIncidentView): {
  key: (typeof slaKeys)[keyof typeof slaKeys];
  at: string;
} {
  const { sla } = incident;
  const level = slaLevel(incident);
  switch (level) {
    case 'fulfilled':
      return {
        key: sla.breachedAt ? slaKeys.fulfilledLate : slaKeys.fulfilled,
        at: sla.fulfilledAt ?? sla.dueAt,
      };
    case 'stopped':
      return { key: slaKeys.stopped, at: sla.dueAt };
    case 'breached':
      return { key: slaKeys.breached, at: sla.breachedAt ?? sla.dueAt };
    case 'warned':
      return { key: slaKeys.warned, at: sla.dueAt };
    case 'running':
      return { key: slaKeys.running, at: sla.dueAt };
    default:
      return assertNever(level, 'Unknown incident SLA level');
  }
}
