import { type CalendarSpec } from '@vigie/sla-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WrittenAtFields } from '../shared/written-at-fields.component';
import { formatInZone, instantToLocal } from '../shared/zoned-time';
import { previewDueTimes, type PreviewTargets } from './due-preview';

function formatTarget(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/**
 * "If a customer writes at … the answer is due at …", on the calendar as edited (saved or not): the contract's
 * first response and the customer's promise, and when counting starts if the message comes while closed.
 */
export function DuePreviewPanel({
  spec,
  targets,
  isDraft,
}: {
  /** Null while the edited calendar has problems. */
  spec: CalendarSpec | null;
  targets: PreviewTargets;
  isDraft: boolean;
}) {
  const { t, i18n } = useTranslation();
  const zone = spec?.timezone ?? 'UTC';
  const [written, setWritten] = useState(() => instantToLocal(new Date(), zone));
  const preview = spec ? previewDueTimes({ spec, date: written.date, time: written.time, targets }) : null;
  const format = (at: Date) => formatInZone(at, zone, i18n.language);
  const duration = (minutes: number) => {
    const parts = formatTarget(minutes);
    return parts.hours === 0
      ? t('admin.preview.minutes', { minutes: parts.minutes })
      : parts.minutes === 0
        ? t('admin.preview.hours', { hours: parts.hours })
        : t('admin.preview.hoursMinutes', parts);
  };

  return (
    <section
      className="admin-card due-preview"
      aria-labelledby="due-preview-heading"
      data-testid="due-preview"
    >
      <h2 id="due-preview-heading" className="admin-card__title">
        {t('admin.preview.title')}
      </h2>
      <p className="admin-muted">
        {t(isDraft ? 'admin.preview.draftNote' : 'admin.preview.savedNote', { zone })}
      </p>
      <WrittenAtFields idPrefix="preview" value={written} onChange={setWritten} timezone={zone} />
      <div aria-live="polite" className="due-preview__result" data-testid="preview-result">
        {!spec ? (
          <p className="admin-muted">{t('admin.preview.fixCalendar')}</p>
        ) : !preview || preview.kind === 'badInstant' ? (
          <p className="admin-muted">{t('admin.preview.pickInstant')}</p>
        ) : preview.kind === 'noOpenHours' ? (
          <p className="admin-field__error">{t('admin.preview.noOpenHours')}</p>
        ) : (
          <dl className="due-preview__facts">
            <dt>{t('admin.preview.writtenAt')}</dt>
            <dd>
              {format(preview.writtenAt)}{' '}
              <span
                className={`badge ${preview.isOpen ? 'badge--ok' : 'badge--off'}`}
                data-testid="preview-open-state"
              >
                {preview.isOpen ? t('admin.preview.open') : t('admin.preview.closed')}
              </span>
            </dd>
            {!preview.isOpen ? (
              <>
                <dt>{t('admin.preview.countingFrom')}</dt>
                <dd data-testid="preview-counting-from">{format(preview.countingFrom)}</dd>
              </>
            ) : null}
            <dt>
              {targets.firstResponse
                ? t(
                    targets.firstResponse.hours === 'business'
                      ? 'admin.preview.contractBusiness'
                      : 'admin.preview.contractCalendar',
                    { duration: duration(targets.firstResponse.minutes) },
                  )
                : t('admin.preview.contractNone')}
            </dt>
            <dd>
              {preview.contractDueAt ? (
                <strong data-testid="preview-contract-due" data-due-at={preview.contractDueAt.toISOString()}>
                  {t('admin.preview.dueAt', { at: format(preview.contractDueAt) })}
                </strong>
              ) : (
                '—'
              )}
            </dd>
            <dt>
              {t('admin.preview.customerPromise', { duration: duration(targets.customerPromiseMinutes) })}
            </dt>
            <dd data-testid="preview-customer-due" data-due-at={preview.customerDueAt.toISOString()}>
              {t('admin.preview.dueAt', { at: format(preview.customerDueAt) })}
            </dd>
          </dl>
        )}
      </div>
    </section>
  );
}
