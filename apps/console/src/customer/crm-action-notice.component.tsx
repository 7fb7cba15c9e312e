import { useTranslation } from 'react-i18next';
import { describeFailure } from '../admin/shared/request-failure';
import { type CrmActionOutcome } from './use-crm-action.hook';

/**
 * The outcome of a section's last action: what was done (a polite status), or the API's refusal as an alert, a
 * lead in the interface's language then the API's own words ("Identity email:… already belongs to contact …").
 */
export function CrmActionNotice({ outcome, testId }: { outcome: CrmActionOutcome | null; testId: string }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  if (outcome.kind === 'done')
    return (
      <p className="customer-panel__done" role="status" data-testid={`${testId}-done`}>
        {outcome.message}
      </p>
    );
  const text = describeFailure(outcome.failure);
  return (
    <p className="notice notice--error customer-panel__error" role="alert" data-testid={`${testId}-error`}>
      <strong>{t(`customer.errors.${text.key}`)}</strong>
      {text.apiMessage ? ` ${text.apiMessage}` : null}
    </p>
  );
}
