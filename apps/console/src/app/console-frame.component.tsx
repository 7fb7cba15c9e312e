import { type SessionUser } from '@vigie/contracts';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { UserBadge } from '../inbox/user-badge.component';
import { BrandMark } from '../shared/brand-mark.component';
import { LanguageSwitch } from '../shared/language-switch.component';
import { SectionNav } from './section-nav.component';
import { SignOutButton } from './sign-out-button.component';
import '../inbox/inbox.page.css';
import './console-frame.css';

/**
 * The top bar every console page shares (brand, sections, language, who is signed in) above the page's own
 * content. `actions` go before the language switch (the inbox puts its live connection and presence there).
 */
export function ConsoleFrame({
  user,
  actions,
  children,
  testId,
}: {
  user: SessionUser;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="console-frame" data-testid={testId}>
      <header className="topbar">
        <div className="topbar__brand">
          <BrandMark />
          <span className="topbar__app-name">{t('app.name')}</span>
          <SectionNav role={user.role} />
        </div>
        <div className="topbar__actions">
          {actions}
          <LanguageSwitch className="button--quiet" />
          <UserBadge user={user} />
          <SignOutButton />
        </div>
      </header>
      {children}
    </div>
  );
}
