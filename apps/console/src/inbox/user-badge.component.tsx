import { type SessionUser } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { initials } from '../shared/initials';

export function UserBadge({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  return (
    <div className="user-badge">
      <span className="avatar" aria-hidden="true">
        {initials(user.displayName)}
      </span>
      <span className="user-badge__text">
        <span className="visually-hidden">{t('inbox.user.signedInAs')} </span>
        <span className="user-badge__name" data-testid="user-name">
          {user.displayName}
        </span>
        <span className="user-badge__role">{t(`inbox.roles.${user.role}`)}</span>
      </span>
    </div>
  );
}
