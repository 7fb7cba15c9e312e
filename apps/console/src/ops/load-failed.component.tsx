import { useTranslation } from 'react-i18next';

/** A read that failed, with "Try again" when the caller can read again. */
export function LoadFailed({ onRetry }: { onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="notice notice--error" role="alert">
      {t('ops.loadFailed')}
      {onRetry ? (
        <>
          {' '}
          <button type="button" className="button button--secondary" onClick={onRetry}>
            {t('ops.retry')}
          </button>
        </>
      ) : null}
    </p>
  );
}
