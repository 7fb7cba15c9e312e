import { useTranslation } from 'react-i18next';

/** What a piece of the board says when its last read failed (it reads again on reconnection and on its timer). */
export function LoadFailed({ hasFailed }: { hasFailed: boolean }) {
  const { t } = useTranslation();
  if (!hasFailed) return null;
  return (
    <p className="notice notice--error" role="alert">
      {t('supervisor.loadFailed')}
    </p>
  );
}
