import { type Role } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { sectionPaths, sectionsFor } from './sections';

/** The top bar's links to the console's sections a role may open (none for a role with the inbox only). */
export function SectionNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  const sections = sectionsFor(role);
  if (sections.length < 2) return null;
  return (
    <nav className="section-nav" aria-label={t('app.sections.label')}>
      <ul className="section-nav__list">
        {sections.map((section) => (
          <li key={section}>
            <NavLink
              className="section-nav__link"
              to={sectionPaths[section]}
              data-testid={`section-${section}`}
            >
              {t(`app.sections.${section}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
