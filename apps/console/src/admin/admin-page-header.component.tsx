import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shared/use-document-title.hook';

/** An admin page's heading (the page's only h1), its one-line purpose, and the tab title. */
export function AdminPageHeader({ title, intro }: { title: string; intro: string }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t('app.sections.administration')} · ${t('app.name')}`);
  return (
    <header className="admin-page-header">
      <h1>{title}</h1>
      <p className="admin-muted">{intro}</p>
    </header>
  );
}
