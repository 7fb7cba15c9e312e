import { useTranslation } from 'react-i18next';
import { type ConversationView } from './inbox-views';

export function EmptyInbox({ view, isFiltered }: { view: ConversationView; isFiltered: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <svg
        className="empty-state__art"
        viewBox="0 0 96 72"
        width="96"
        height="72"
        aria-hidden="true"
        focusable="false"
      >
        <rect x="8" y="14" width="80" height="50" rx="10" fill="var(--color-surface-sunken)" />
        <path
          d="M8 40h22l6 10h24l6-10h22"
          fill="none"
          stroke="var(--color-border-strong)"
          strokeWidth="2.5"
          strokeLinejoin="round"
        />
        <path
          d="M30 26h36M36 33h24"
          stroke="var(--color-border-strong)"
          strokeWidth="2.5"
          strokeLinecap="round"
        />
      </svg>
      <h2 className="empty-state__heading">
        {isFiltered ? t('inbox.empty.noMatchHeading') : t('inbox.empty.heading')}
      </h2>
      <p className="empty-state__text" data-testid="empty-inbox">
        {isFiltered ? t('inbox.empty.noMatch') : t(`inbox.empty.${view}`)}
      </p>
    </div>
  );
}
