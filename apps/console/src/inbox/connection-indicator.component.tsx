import { useTranslation } from 'react-i18next';
import { type ConnectionStatus, connectionLabelKey } from '../realtime/connection-state';

export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  return (
    <p
      className={`connection connection--${status.state}`}
      role="status"
      data-testid="connection-status"
      data-state={status.state}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="visually-hidden">{t('inbox.connection.label')} </span>
      {t(connectionLabelKey(status))}
    </p>
  );
}
