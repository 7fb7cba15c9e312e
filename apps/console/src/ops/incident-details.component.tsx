import { type SpikeIncidentView } from '@vigie/contracts';
import { assertNever } from '@vigie/kernel';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../shared/use-now.hook';
import { type TimelineEntry, incidentTimeline } from './incident-timeline';
import { formatInstant } from './ops-format';

/** What happened, oldest first. */
export function IncidentTimeline({ incident }: { incident: SpikeIncidentView }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const nowMs = useNow(30_000).getTime();
  const language = i18n.language;
  const describe = (entry: TimelineEntry): string => {
    switch (entry.kind) {
      case 'started':
        return entry.isSplit
          ? t('ops.incident.timeline.split')
          : t('ops.incident.timeline.started', { severity: t(`ops.severity.${incident.severity}`) });
      case 'acknowledged':
        return t('ops.incident.timeline.acknowledged');
      case 'slaWarned':
        return t('ops.incident.timeline.slaWarned');
      case 'slaBreached':
        return t('ops.incident.timeline.slaBreached');
      case 'answered':
        return t('ops.incident.timeline.answered', {
          total: entry.total,
          languages: entry.languages.map((code) => t(`ops.answers.languages.${code}`)).join(', '),
        });
      case 'ended':
        return t(`ops.incident.timeline.ended.${entry.closure}`);
      default:
        return assertNever(entry, 'Unknown timeline entry');
    }
  };
  return (
    <section className="ops-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ops.incident.timeline.heading')}</h2>
      <ol className="incident-timeline" data-testid="incident-timeline">
        {incidentTimeline(incident).map((entry, index) => (
          <li
            key={`${entry.kind}-${index}`}
            className={`incident-timeline__entry incident-timeline__entry--${entry.kind}`}
          >
            <time dateTime={entry.at} className="incident-timeline__time">
              {formatInstant({ iso: entry.at, language, nowMs })}
            </time>
            <span>{describe(entry)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The terms that rose in the incident's posts, strongest first. */
export function IncidentTerms({ incident }: { incident: SpikeIncidentView }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const lift = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <section className="ops-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ops.incident.terms.heading')}</h2>
      {incident.topTerms.length === 0 ? (
        <p className="ops-muted">{t('ops.incident.terms.empty')}</p>
      ) : (
        <ul className="incident-terms" data-testid="incident-terms">
          {incident.topTerms.map((term) => (
            <li key={term.term} className="incident-terms__term">
              <span className="incident-terms__word">{term.term}</span>
              <span className="incident-terms__lift">
                {t('ops.incident.terms.posts', { count: term.recentCount })}
                {/* The share against the brand's last day; below 1 it only means the day had no posts to compare. */}
                {term.lift > 1
                  ? ` · ${t('ops.incident.terms.lift', { lift: lift.format(term.lift) })}`
                  : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Posts of the incident as customers wrote them (hostile text: rendered as text, never as HTML). */
export function IncidentSamples({ incident }: { incident: SpikeIncidentView }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const nowMs = useNow(30_000).getTime();
  return (
    <section className="ops-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ops.incident.samples.heading')}</h2>
      {incident.samples.length === 0 ? (
        <p className="ops-muted">{t('ops.incident.samples.empty')}</p>
      ) : (
        <ul className="incident-samples" data-testid="incident-samples">
          {incident.samples.map((sample) => (
            <li key={sample.messageId} className="incident-samples__sample">
              <blockquote className="incident-samples__text">{sample.text}</blockquote>
              <time dateTime={sample.sentAt} className="ops-muted">
                {formatInstant({ iso: sample.sentAt, language: i18n.language, nowMs })}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
