import { type Role } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ConversationView, viewsFor } from './inbox-views';

export function InboxNav({ role, currentView }: { role: Role; currentView: ConversationView }) {
  const { t } = useTranslation();
  return (
    <nav className="inbox-nav" aria-labelledby="inbox-nav-heading">
      <h2 id="inbox-nav-heading" className="sidebar__heading">
        {t('inbox.nav.label')}
      </h2>
      <ul className="inbox-nav__list">
        {viewsFor(role).map((view) => (
          <li key={view}>
            <Link
              className="inbox-nav__item"
              to={{ pathname: '/inbox', search: `?view=${view}` }}
              aria-current={view === currentView ? 'page' : undefined}
            >
              {t(`inbox.nav.views.${view}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
