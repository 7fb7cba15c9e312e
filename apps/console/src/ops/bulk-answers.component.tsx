import {
  type SpikeBulkAnswerFailures,
  type SpikeBulkAnswerView,
  type SpikeIncidentView,
} from '@vigie/contracts';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from './load-failed.component';
import { useNow } from '../shared/use-now.hook';
import { Link } from 'react-router';
import { type BulkAnswerLanguage, bulkAnswerLanguages } from './bulk-answer-draft';
import { progressSummary } from './bulk-progress';
import { fetchBulkAnswerFailures } from './ops.api';
import { formatCount, formatInstant } from './ops-format';

/** The incident's bulk answers, newest first, each with its delivery progress (live) and its failures. */
export function BulkAnswers({ incident }: { incident: SpikeIncidentView }) {
  const { t } = useTranslation();
  const headingId = useId();
  const answers = [...incident.bulkAnswers].reverse();
  return (
    <section className="ops-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ops.answers.heading')}</h2>
      {answers.length === 0 ? (
        <p className="ops-muted">{t('ops.answers.empty')}</p>
      ) : (
        <ul className="bulk-answers">
          {answers.map((answer) => (
            <li key={answer.id}>
              <BulkAnswer answer={answer} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BulkAnswer({ answer }: { answer: SpikeBulkAnswerView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const nowMs = useNow(30_000).getTime();
  const progressId = useId();
  const [isReportOpen, setIsReportOpen] = useState(false);
  const summary = progressSummary(answer.progress, nowMs);
  const sentAt = formatInstant({ iso: answer.createdAt, language, nowMs });
  const { progress } = answer;
  const counts: { key: 'queued' | 'sent' | 'failed' | 'skipped'; value: number }[] = [
    { key: 'sent', value: progress.sent },
    { key: 'queued', value: progress.queued },
    { key: 'failed', value: progress.failed },
    { key: 'skipped', value: progress.skipped },
  ];
  const written = bulkAnswerLanguages.filter((code) => (answer.texts[code] ?? '').trim() !== '');
  return (
    <article
      className="bulk-answer"
      data-testid="bulk-answer"
      data-state={summary.isDone ? 'done' : 'sending'}
      data-total={progress.total}
      data-sent={progress.sent}
      data-queued={progress.queued}
      data-failed={progress.failed}
      data-skipped={progress.skipped}
    >
      <p className="bulk-answer__meta">
        <span>{t('ops.answers.sentAt', { time: sentAt })}</span>
        {answer.isForNewcomers ? <span className="badge">{t('ops.answers.forNewcomers')}</span> : null}
      </p>
      {written.map((code: BulkAnswerLanguage) => (
        <figure key={code} className="bulk-answer__text">
          <figcaption className="ops-muted">{t(`ops.answers.languages.${code}`)}</figcaption>
          <blockquote lang={code}>{answer.texts[code]}</blockquote>
        </figure>
      ))}
      <div className="bulk-answer__progress">
        <label htmlFor={progressId} className="visually-hidden">
          {t('ops.answers.progress', { time: sentAt })}
        </label>
        <progress
          id={progressId}
          className="ops-progress"
          max={Math.max(summary.total, 1)}
          value={summary.total === 0 ? 1 : summary.settled}
          aria-valuetext={t('ops.answers.progressValue', {
            settled: formatCount(summary.settled, language),
            total: formatCount(summary.total, language),
          })}
        />
        <span className="bulk-answer__state" role="status" data-testid="bulk-answer-state">
          {summary.isDone ? t('ops.answers.done') : t('ops.answers.sending')}{' '}
          {t('ops.answers.progressValue', {
            settled: formatCount(summary.settled, language),
            total: formatCount(summary.total, language),
          })}
        </span>
      </div>
      <dl className="bulk-answer__counts">
        {counts.map(({ key, value }) => (
          <div key={key} className={`bulk-answer__count bulk-answer__count--${key}`}>
            <dt>{t(`ops.answers.${key}`)}</dt>
            <dd data-testid={`bulk-answer-${key}`}>{formatCount(value, language)}</dd>
          </div>
        ))}
      </dl>
      {progress.skipped > 0 ? <p className="ops-muted">{t('ops.answers.skippedHelp')}</p> : null}
      {summary.isPaced && progress.nextSendAt ? (
        <p className="ops-muted" data-testid="bulk-answer-next-send">
          {t('ops.answers.nextSend', { time: formatInstant({ iso: progress.nextSendAt, language, nowMs }) })}
        </p>
      ) : null}
      {progress.failed > 0 ? (
        <div className="bulk-answer__failures">
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={isReportOpen}
            onClick={() => setIsReportOpen((open) => !open)}
          >
            {isReportOpen ? t('ops.answers.hideFailures') : t('ops.answers.showFailures')}
          </button>
          {isReportOpen ? <FailureReport answer={answer} /> : null}
        </div>
      ) : null}
    </article>
  );
}

/** The replies that did not go and X's reasons (as X wrote them: text). Read again when the failed count moves. */
function FailureReport({ answer }: { answer: SpikeBulkAnswerView }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [report, setReport] = useState<SpikeBulkAnswerFailures | null>(null);
  const [hasFailed, setHasFailed] = useState(false);
  const failedCount = answer.progress.failed;
  useEffect(() => {
    let isCurrent = true;
    void fetchBulkAnswerFailures(answer.incidentId, answer.id).then((result) => {
      if (!isCurrent) return;
      if (result.kind === 'ok') setReport(result.body);
      setHasFailed(result.kind === 'failed');
    });
    return () => {
      isCurrent = false;
    };
  }, [answer.incidentId, answer.id, failedCount]);
  const nowMs = useNow(30_000).getTime();
  return (
    <section aria-labelledby={headingId} className="failure-report" data-testid="failure-report">
      <h3 id={headingId} className="ops-subheading">
        {t('ops.answers.failuresHeading')}
      </h3>
      {hasFailed ? <LoadFailed /> : null}
      {report ? (
        <>
          <table className="ops-table">
            <thead>
              <tr>
                <th scope="col">{t('ops.answers.customer')}</th>
                <th scope="col">{t('ops.answers.language')}</th>
                <th scope="col">{t('ops.answers.reason')}</th>
                <th scope="col">{t('ops.answers.when')}</th>
              </tr>
            </thead>
            <tbody>
              {report.failures.map((failure) => (
                <tr key={failure.conversationId}>
                  <td>
                    <Link to={`/inbox?conversation=${failure.conversationId}`}>
                      {failure.customerHandle
                        ? `@${failure.customerHandle}`
                        : t('ops.answers.unknownCustomer')}
                    </Link>
                  </td>
                  <td>{failure.language}</td>
                  <td>{failure.reason}</td>
                  <td>
                    {failure.failedAt
                      ? formatInstant({ iso: failure.failedAt, language: i18n.language, nowMs })
                      : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.total > report.failures.length ? (
            <p className="ops-muted">
              {t('ops.answers.failuresShown', { shown: report.failures.length, total: report.total })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
