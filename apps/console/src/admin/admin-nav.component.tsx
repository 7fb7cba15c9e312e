import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { adminSectionPaths, adminSections } from './admin-sections';

/** The administration pages, one link each; the current one is marked for assistive technology too. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="sidebar admin-nav" aria-label={t('admin.nav.label')}>
      <h2 className="sidebar__heading">{t('app.sections.administration')}</h2>
      <ul className="inbox-nav__list">
        {adminSections.map((section) => (
          <li key={section}>
            <NavLink
              className="inbox-nav__item"
              to={`/admin/${adminSectionPaths[section]}`}
              data-testid={`admin-nav-${adminSectionPaths[section]}`}
            >
              {t(`admin.nav.${section}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
