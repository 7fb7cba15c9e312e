import { type SpikeIncidentView } from '@vigie/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIncidentName } from './ops-badges.component';
import { actOnIncident, type IncidentAction, mergeIncidents } from './ops.api';
import { type OpsErrorKey, opsErrorKey } from './ops-errors';

type Closing = Exclude<IncidentAction, 'acknowledge'>;

/**
 * Acknowledge, resolve or mark a false alarm (the two that close ask for a confirmation first), and merge another
 * open incident of the brand into this one.
 */
export function IncidentActions({
  incident,
  mergeCandidates,
  onChanged,
}: {
  incident: SpikeIncidentView;
  mergeCandidates: SpikeIncidentView[];
  onChanged: (incident: SpikeIncidentView) => void;
}) {
  const { t } = useTranslation();
  const incidentName = useIncidentName();
  const ids = { label: useId(), merge: useId(), mergeHeading: useId(), confirm: useId() };
  const [confirming, setConfirming] = useState<Closing | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<OpsErrorKey | null>(null);
  const [sourceId, setSourceId] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  if (incident.status !== 'open') return null;

  const act = async (action: IncidentAction) => {
    setIsBusy(true);
    setError(null);
    const result = await actOnIncident(incident.id, action);
    setIsBusy(false);
    setConfirming(null);
    if (result.kind === 'ok') onChanged(result.body);
    else setError(opsErrorKey(result.failure));
  };

  const merge = async (event: FormEvent) => {
    event.preventDefault();
    const source = mergeCandidates.find((candidate) => candidate.id === sourceId) ?? mergeCandidates[0];
    if (!source) return;
    setIsBusy(true);
    setError(null);
    const result = await mergeIncidents(incident.id, source.id);
    setIsBusy(false);
    if (result.kind === 'ok') {
      setSourceId('');
      onChanged(result.body);
    } else setError(opsErrorKey(result.failure));
  };

  return (
    <section className="ops-card incident-actions" aria-labelledby={ids.label}>
      <h2 id={ids.label} className="visually-hidden">
        {t('ops.actions.label')}
      </h2>
      <div className="incident-actions__buttons">
        <button
          type="button"
          className="button button--primary"
          disabled={isBusy || incident.acknowledgedAt !== null}
          data-testid="incident-acknowledge"
          onClick={() => void act('acknowledge')}
        >
          {t('ops.actions.acknowledge')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={isBusy}
          aria-expanded={confirming === 'resolve'}
          onClick={() => setConfirming('resolve')}
        >
          {t('ops.actions.resolve')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={isBusy}
          aria-expanded={confirming === 'false-alarm'}
          onClick={() => setConfirming('false-alarm')}
        >
          {t('ops.actions.falseAlarm')}
        </button>
      </div>
      {confirming ? (
        <div className="incident-actions__confirm" role="group" aria-labelledby={ids.confirm}>
          <p id={ids.confirm}>
            {confirming === 'resolve' ? t('ops.actions.confirmResolve') : t('ops.actions.confirmFalseAlarm')}
          </p>
          <button
            ref={confirmButton}
            type="button"
            className="button button--primary"
            disabled={isBusy}
            onClick={() => void act(confirming)}
          >
            {t('ops.actions.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
            {t('ops.actions.cancel')}
          </button>
        </div>
      ) : null}
      <form
        className="incident-actions__merge"
        onSubmit={(event) => void merge(event)}
        aria-labelledby={ids.mergeHeading}
      >
        <h3 id={ids.mergeHeading} className="ops-subheading">
          {t('ops.actions.merge.heading')}
        </h3>
        {mergeCandidates.length === 0 ? (
          <p className="ops-muted">{t('ops.actions.merge.none')}</p>
        ) : (
          <>
            <label className="field__label" htmlFor={ids.merge}>
              {t('ops.actions.merge.label')}
            </label>
            <div className="linked-tools__row">
              <select
                id={ids.merge}
                className="ops-select"
                value={sourceId || mergeCandidates[0].id}
                onChange={(event) => setSourceId(event.target.value)}
              >
                {mergeCandidates.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {incidentName(candidate)} · {t(`ops.severity.${candidate.severity}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className="button button--secondary" disabled={isBusy}>
                {t('ops.actions.merge.submit')}
              </button>
            </div>
            <p className="ops-muted">{t('ops.actions.merge.help')}</p>
          </>
        )}
      </form>
      {error ? (
        <p className="notice notice--error" role="alert">
          {t(`ops.errors.${error}`)}
        </p>
      ) : null}
    </section>
  );
}
