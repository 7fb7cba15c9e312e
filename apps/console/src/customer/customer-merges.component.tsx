import {
  type ContactMergeView,
  type CustomerPicture,
  type DuplicateSuggestion,
  type SessionUser,
} from '@vigie/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../shared/relative-time.component';
import { ConfirmDialog } from './confirm-dialog.component';
import { CrmActionNotice } from './crm-action-notice.component';
import {
  canMerge,
  canSeeDuplicates,
  duplicateReason,
  groupContactLabel,
  scorePercent,
  undoableMerges,
} from './customer-merges';
import { identityLabel } from './customer-panel';
import { fetchCustomerPicture, fetchDuplicates, postMerge, postMergeUndo } from './customers.api';
import { PanelButton } from './panel-button.component';
import { useCrmAction } from './use-crm-action.hook';

/** A side of a merge as the confirmation names it: the name, and the identities that tell two namesakes apart. */
type MergeSide = { name: string; identities: string[] };

function sideOf(picture: CustomerPicture, unnamed: string): MergeSide {
  return {
    name: picture.displayName ?? groupContactLabel(picture, picture.id) ?? unnamed,
    identities: picture.identities.map(identityLabel),
  };
}

/**
 * Merges: the ones that make this customer and can be undone, and the likely duplicates (`GET …/duplicates`)
 * with "merge into this customer", confirmed with both sides named. Merging and undoing are for supervisors and
 * admins (the API's roles); agents see the suggestions and who to ask.
 */
export function CustomerMerges(params: {
  picture: CustomerPicture;
  user: SessionUser;
  onChanged: () => void;
}) {
  const { picture, user, onChanged } = params;
  const { t } = useTranslation();
  const action = useCrmAction(onChanged);
  // null while loading; 'failed' when the API did not answer (not the same as "no duplicate").
  const [duplicates, setDuplicates] = useState<DuplicateSuggestion[] | 'failed' | null>(null);
  const [merging, setMerging] = useState<{ suggestion: DuplicateSuggestion; other: MergeSide | null } | null>(
    null,
  );
  const mayMerge = canMerge(user.role);
  const mayFind = canSeeDuplicates(user.role);
  const undoable = undoableMerges(picture);
  const unnamed = t('customer.contact.unnamed');
  const groupKey = [picture.id, ...picture.mergedContactIds].join(',');

  // The suggestions change with the group: read again after a merge or an undo (the picture reloads then).
  useEffect(() => {
    if (!mayFind) return;
    let isCurrent = true;
    void fetchDuplicates(picture.id).then((result) => {
      if (isCurrent) setDuplicates(result.kind === 'ok' ? result.body : 'failed');
    });
    return () => {
      isCurrent = false;
    };
  }, [picture.id, groupKey, mayFind]);

  function askToMerge(suggestion: DuplicateSuggestion) {
    setMerging({ suggestion, other: null });
    // The suggestion has a name only; its identities tell two namesakes apart in the confirmation.
    void fetchCustomerPicture(suggestion.contactId).then((result) => {
      if (result.kind !== 'ok') return;
      setMerging((current) =>
        current?.suggestion.contactId === suggestion.contactId
          ? { suggestion, other: sideOf(result.body, unnamed) }
          : current,
      );
    });
  }

  function merge(suggestion: DuplicateSuggestion) {
    void action.run(
      () => postMerge({ survivorId: picture.id, mergedId: suggestion.contactId }),
      () => t('customer.merges.merged', { name: suggestion.displayName ?? unnamed }),
    );
  }

  function undo(merge: ContactMergeView, name: string) {
    void action.run(
      () => postMergeUndo(merge.id),
      () => t('customer.merges.undone', { name }),
    );
  }

  if (!mayFind && undoable.length === 0) return null;
  const self = sideOf(picture, unnamed);
  return (
    <section
      className="customer-panel__section"
      aria-labelledby="customer-merges"
      data-testid="customer-merges"
    >
      <h3 id="customer-merges">{t('customer.merges.heading')}</h3>
      {undoable.length > 0 ? (
        <ul className="customer-panel__list" aria-label={t('customer.merges.undoableLabel')}>
          {undoable.map((merge) => {
            const name = groupContactLabel(picture, merge.mergedId) ?? unnamed;
            return (
              <li key={merge.id} className="customer-panel__row" data-testid="customer-merge">
                <span>
                  {t('customer.merges.mergedHere', { name })} · <RelativeTime iso={merge.mergedAt} />
                </span>
                {mayMerge ? (
                  <PanelButton
                    label={t('customer.merges.undo')}
                    accessibleLabel={t('customer.merges.undoLabel', { name })}
                    isDisabled={action.isBusy}
                    onClick={() => undo(merge, name)}
                    testId="merge-undo"
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}

      {mayFind ? (
        <div className="customer-panel__subsection">
          <h4 id="customer-duplicates" className="customer-panel__subheading">
            {t('customer.duplicates.heading')}
          </h4>
          {duplicates === null ? (
            <p className="customer-panel__muted">{t('customer.duplicates.loading')}</p>
          ) : duplicates === 'failed' ? (
            <p className="customer-panel__muted">{t('customer.duplicates.failed')}</p>
          ) : duplicates.length === 0 ? (
            <p className="customer-panel__muted" data-testid="customer-duplicates-none">
              {t('customer.duplicates.none')}
            </p>
          ) : (
            <ul
              className="customer-panel__list"
              aria-labelledby="customer-duplicates"
              data-testid="customer-duplicates"
            >
              {duplicates.map((suggestion) => {
                const name = suggestion.displayName ?? unnamed;
                return (
                  <li
                    key={suggestion.contactId}
                    className="customer-panel__row"
                    data-testid="customer-duplicate"
                  >
                    <span>
                      <span className="customer-panel__channel">{name}</span>
                      <span className="customer-panel__muted">
                        {' '}
                        · {t('customer.duplicates.score', { percent: scorePercent(suggestion.score) })}
                        {suggestion.reasons.length > 0
                          ? ` · ${suggestion.reasons
                              .map((reason) => {
                                const known = duplicateReason(reason);
                                return 'key' in known
                                  ? t(`customer.duplicates.reasons.${known.key}`)
                                  : known.text;
                              })
                              .join(', ')}`
                          : ''}
                      </span>
                    </span>
                    {mayMerge ? (
                      <PanelButton
                        label={t('customer.duplicates.merge')}
                        accessibleLabel={t('customer.duplicates.mergeLabel', { name })}
                        isDisabled={action.isBusy}
                        onClick={() => askToMerge(suggestion)}
                        testId="duplicate-merge"
                      />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
          {!mayMerge && Array.isArray(duplicates) && duplicates.length > 0 ? (
            <p className="customer-panel__muted">{t('customer.duplicates.askSupervisor')}</p>
          ) : null}
        </div>
      ) : null}
      <CrmActionNotice outcome={action.outcome} testId="merges" />

      {merging ? (
        <ConfirmDialog
          title={t('customer.duplicates.confirmTitle')}
          confirmLabel={t('customer.duplicates.confirm')}
          onDone={(isConfirmed) => {
            const suggestion = merging.suggestion;
            setMerging(null);
            if (isConfirmed) merge(suggestion);
          }}
          testId="merge-dialog"
        >
          <dl className="customer-panel__facts confirm-dialog__sides">
            <dt>{t('customer.duplicates.keep')}</dt>
            <dd data-testid="merge-survivor">
              <MergeSideText side={self} />
            </dd>
            <dt>{t('customer.duplicates.mergeIn')}</dt>
            <dd data-testid="merge-merged">
              <MergeSideText
                side={merging.other ?? { name: merging.suggestion.displayName ?? unnamed, identities: [] }}
              />
            </dd>
          </dl>
          <p>{t('customer.duplicates.explain')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function MergeSideText({ side }: { side: MergeSide }) {
  return (
    <>
      <strong>{side.name}</strong>
      {side.identities.length > 0 ? ` (${side.identities.join(', ')})` : ''}
    </>
  );
}
