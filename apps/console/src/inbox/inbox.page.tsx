import { type SessionUser } from '@vigie/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { signOut } from '../auth/auth.api';
import { useSession } from '../auth/session.context';
import { useRealtime } from '../realtime/use-realtime.hook';
import { BrandMark } from '../shared/brand-mark.component';
import { LanguageSwitch } from '../shared/language-switch.component';
import { useDocumentTitle } from '../shared/use-document-title.hook';
import { ConnectionIndicator } from './connection-indicator.component';
import { EmptyInbox } from './empty-inbox.component';
import { InboxNav } from './inbox-nav.component';
import { parseView } from './inbox-views';
import { OnlineColleagues } from './online-colleagues.component';
import { UserBadge } from './user-badge.component';
import './inbox.page.css';

export function InboxPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { markSignedOut } = useSession();
  const [searchParams] = useSearchParams();
  const [isSigningOut, setIsSigningOut] = useState(false);
  const view = parseView(searchParams.get('view'));
  const { connection, colleagues } = useRealtime({
    userId: user.id,
    onSessionEnded: (reason) => markSignedOut(reason),
  });
  useDocumentTitle(`${t(`inbox.nav.views.${view}`)} · ${t('app.name')}`);

  async function handleSignOut() {
    setIsSigningOut(true);
    try {
      await signOut();
    } catch {
      // Leave anyway: the cookie is httpOnly and short-lived, and staying would look like a frozen button.
    }
    markSignedOut('logout');
    void navigate('/login', { replace: true });
  }

  return (
    <div className="inbox-layout" data-testid="inbox">
      <header className="topbar">
        <div className="topbar__brand">
          <BrandMark />
          <span className="topbar__app-name">{t('app.name')}</span>
        </div>
        <div className="topbar__actions">
          <ConnectionIndicator status={connection} />
          <LanguageSwitch className="button--quiet" />
          <UserBadge user={user} />
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void handleSignOut()}
            disabled={isSigningOut}
            data-testid="logout"
          >
            {t('inbox.logout')}
          </button>
        </div>
      </header>
      <div className="inbox-layout__body">
        <aside className="sidebar">
          <InboxNav role={user.role} currentView={view} />
          <OnlineColleagues colleagues={colleagues} />
        </aside>
        <main className="inbox-main" aria-labelledby="view-heading">
          <h1 id="view-heading" className="inbox-main__heading">
            {t(`inbox.nav.views.${view}`)}
          </h1>
          <EmptyInbox view={view} />
        </main>
      </div>
    </div>
  );
}
