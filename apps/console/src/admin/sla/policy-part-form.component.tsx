import { type BrandSummary, type SlaPolicyBody, type SlaPolicyView } from '@vigie/contracts';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../shared/form-fields.component';
import { useSubmission } from '../shared/use-submission.hook';
import { putSlaPolicy } from './sla-policies.api';
import { isBuiltInDefault, policyBodyOf, saveNameFor } from './sla-policy-body';

/**
 * Saving one part of a policy (its calendar, its out-of-hours answer): the stored policy goes back with only that
 * part replaced. For the built-in default, the name of the policy that saving creates is asked first.
 */
export function usePolicyPartSaving(params: {
  brand: BrandSummary;
  policy: SlaPolicyView;
  onSaved: (saved: SlaPolicyView) => void;
}) {
  const { t } = useTranslation();
  const [newName, setNewName] = useState(() => t('admin.policies.newName'));
  const [hasTriedSaving, setHasTriedSaving] = useState(false);
  const { isSending, failure, submit } = useSubmission();
  const name = saveNameFor(params.policy, newName);

  /** Sends the part, or only marks the attempt (to show the problems) when it is null or the name is not valid. */
  const save = (part: Partial<SlaPolicyBody> | null) => {
    setHasTriedSaving(true);
    if (part === null || name === null) return;
    void submit(
      () => putSlaPolicy({ brandId: params.brand.id, name, body: policyBodyOf(params.policy, part) }),
      params.onSaved,
    );
  };

  const nameNotice = isBuiltInDefault(params.policy) ? (
    <>
      <p className="notice notice--info">{t('admin.policies.defaultNotice')}</p>
      <TextField
        id="policy-new-name"
        label={t('admin.policies.newNameLabel')}
        value={newName}
        onChange={setNewName}
        error={hasTriedSaving && name === null ? t('admin.validation.policyName') : null}
        testId="policy-new-name"
      />
    </>
  ) : (
    <p className="admin-muted">{t('admin.policies.versionNote', { version: params.policy.version })}</p>
  );

  return { save, hasTriedSaving, setHasTriedSaving, isSending, failure, nameNotice };
}

/** The form of a policy part: says which policy and version it edits (tests wait on it), its title first. */
export function PolicyPartForm({
  policy,
  title,
  testId,
  onSubmit,
  children,
}: {
  policy: SlaPolicyView;
  title: string;
  testId: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="admin-card admin-form"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
      data-testid={testId}
      data-policy={policy.name}
      data-version={isBuiltInDefault(policy) ? 'default' : policy.version}
    >
      <h2 className="admin-card__title">{title}</h2>
      {children}
    </form>
  );
}
