import { type Role } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ConversationView, navigationFor } from './inbox-views';

export function InboxNav({ role, currentView }: { role: Role; currentView: ConversationView }) {
  const { t } = useTranslation();
  return (
    <nav className="inbox-nav" aria-labelledby="inbox-nav-heading">
      <h2 id="inbox-nav-heading" className="sidebar__heading">
        {t('inbox.nav.label')}
      </h2>
      <ul className="inbox-nav__list">
        {navigationFor(role).map((item) =>
          item.kind === 'view' ? (
            <li key={item.view}>
              <Link
                className="inbox-nav__item"
                to={{ pathname: '/inbox', search: `?view=${item.view}` }}
                aria-current={item.view === currentView ? 'page' : undefined}
              >
                {t(`inbox.nav.views.${item.view}`)}
              </Link>
            </li>
          ) : (
            <li key={item.section}>
              <span className="inbox-nav__item inbox-nav__item--upcoming">
                {t(`inbox.nav.views.${item.section}`)}
                <span className="badge">{t('inbox.nav.comingSoon')}</span>
              </span>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
