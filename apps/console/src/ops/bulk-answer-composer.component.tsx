import { type SpikeIncidentView } from '@vigie/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type BulkAnswerLanguage,
  answerTexts,
  bulkAnswerLanguages,
  checkVariant,
  newRequestKey,
} from './bulk-answer-draft';
import { sendBulkAnswer } from './ops.api';
import { type OpsErrorKey, opsErrorKey } from './ops-errors';
import { formatCount } from './ops-format';

type Draft = Record<BulkAnswerLanguage, string>;
const emptyDraft: Draft = { fr: '', en: '' };

/**
 * One answer to every linked conversation, in French and/or English. A send carries a request key kept for as
 * long as the texts do not change: sending again after a failure (a timeout) never sends twice.
 */
export function BulkAnswerComposer({ incident }: { incident: SpikeIncidentView }) {
  const { t, i18n } = useTranslation();
  const ids = { heading: useId(), help: useId(), newcomers: useId() };
  const fieldIds = { fr: useId(), en: useId() };
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [isForNewcomers, setIsForNewcomers] = useState(incident.status === 'open');
  const [isSending, setIsSending] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'sent' } | { kind: 'failed'; key: OpsErrorKey } | null>(
    null,
  );
  // The key of the texts as they were sent last: the same texts again reuse it.
  const lastSend = useRef<{ texts: string; key: string } | null>(null);
  const language = i18n.language;

  if (incident.closure === 'merged') return null;
  const texts = answerTexts(draft);
  const isOpen = incident.status === 'open';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!texts || isSending) return;
    const signature = JSON.stringify({ texts, isForNewcomers: isOpen && isForNewcomers });
    const requestKey = lastSend.current?.texts === signature ? lastSend.current.key : newRequestKey();
    lastSend.current = { texts: signature, key: requestKey };
    setIsSending(true);
    setOutcome(null);
    const result = await sendBulkAnswer(incident.id, {
      texts,
      requestKey,
      isForNewcomers: isOpen && isForNewcomers,
    });
    setIsSending(false);
    if (result.kind === 'ok') {
      setDraft(emptyDraft);
      lastSend.current = null;
      setOutcome({ kind: 'sent' });
    } else setOutcome({ kind: 'failed', key: opsErrorKey(result.failure) });
  };

  return (
    <section className="ops-card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('ops.composer.heading')}</h2>
      <form className="composer" onSubmit={(event) => void submit(event)} data-testid="bulk-answer-composer">
        <p id={ids.help} className="ops-muted">
          {t('ops.composer.help')}
        </p>
        {bulkAnswerLanguages.map((code) => {
          const check = checkVariant(draft[code]);
          const countId = `${fieldIds[code]}-count`;
          return (
            <div key={code} className="field">
              <label className="field__label" htmlFor={fieldIds[code]}>
                {t(`ops.composer.${code}`)}
              </label>
              <textarea
                id={fieldIds[code]}
                className="field__input composer__text"
                lang={code}
                rows={3}
                value={draft[code]}
                aria-describedby={`${ids.help} ${countId}`}
                aria-invalid={check.isTooLong}
                data-testid={`composer-${code}`}
                onChange={(event) => {
                  const value = event.target.value;
                  setDraft((current) => ({ ...current, [code]: value }));
                  setOutcome(null);
                }}
              />
              <span
                id={countId}
                className={check.isTooLong ? 'composer__count composer__count--over' : 'composer__count'}
              >
                {t('ops.composer.count', {
                  used: formatCount(check.used, language),
                  max: formatCount(check.max, language),
                })}
                {check.isTooLong ? ` ${t('ops.composer.tooLong')}` : null}
              </span>
            </div>
          );
        })}
        {isOpen ? (
          <div className="composer__option">
            <input
              id={ids.newcomers}
              type="checkbox"
              checked={isForNewcomers}
              onChange={(event) => setIsForNewcomers(event.target.checked)}
            />
            <label htmlFor={ids.newcomers}>{t('ops.composer.forNewcomers')}</label>
          </div>
        ) : null}
        <div className="composer__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={!texts || isSending}
            data-testid="composer-submit"
          >
            {isSending
              ? t('ops.composer.sending')
              : t('ops.composer.submit', { count: formatCount(incident.linkedConversationCount, language) })}
          </button>
          <span role="status" className="composer__outcome" data-testid="composer-outcome">
            {outcome?.kind === 'sent' ? t('ops.composer.sent') : null}
            {!texts && !outcome && (draft.fr !== '' || draft.en !== '') ? t('ops.composer.needText') : null}
          </span>
        </div>
        {outcome?.kind === 'failed' ? (
          <p className="notice notice--error" role="alert">
            {t(`ops.errors.${outcome.key}`)}
          </p>
        ) : null}
      </form>
    </section>
  );
}
