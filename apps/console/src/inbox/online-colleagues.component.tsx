import { useTranslation } from 'react-i18next';
import { type OnlineColleague } from '../realtime/presence';
import { initials } from '../shared/initials';

export function OnlineColleagues({ colleagues }: { colleagues: readonly OnlineColleague[] }) {
  const { t } = useTranslation();
  return (
    <section className="presence" aria-labelledby="presence-heading" data-testid="online-colleagues">
      <h2 id="presence-heading" className="sidebar__heading">
        {t('inbox.presence.heading')}
        <span className="sidebar__count">{colleagues.length}</span>
      </h2>
      {colleagues.length === 0 ? (
        <p className="presence__empty">{t('inbox.presence.empty')}</p>
      ) : (
        <ul className="presence__list">
          {colleagues.map((colleague) => (
            <li key={colleague.userId} className="presence__item">
              <span
                className={`avatar avatar--small presence__avatar presence__avatar--${colleague.status}`}
                aria-hidden="true"
              >
                {initials(colleague.displayName)}
              </span>
              <span className="presence__text">
                <span className="presence__name">{colleague.displayName}</span>
                <span className="presence__meta">
                  {t(`inbox.roles.${colleague.role}`)} · {t(`inbox.presence.${colleague.status}`)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
