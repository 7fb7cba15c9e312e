import { type SessionUser } from '@vigie/contracts';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { assertNever } from '@vigie/kernel';
import { type SessionEndedReason, useSession } from '../auth/session.context';
import { useDocumentTitle } from '../shared/use-document-title.hook';
import { ConsoleFrame } from './console-frame.component';
import { canOpenSection, type ConsoleSection, sectionPaths } from './sections';

function SessionLoading() {
  const { t } = useTranslation();
  return (
    <main className="session-loading">
      <p role="status" className="session-loading__text">
        {t('app.loading')}
      </p>
    </main>
  );
}

/** Renders its children for a signed-in user; sends everyone else to the login page. */
export function RequireSession({ children }: { children: (user: SessionUser) => ReactNode }) {
  const { session } = useSession();
  switch (session.status) {
    case 'loading':
      return <SessionLoading />;
    case 'anonymous':
      return <Navigate to="/login" replace />;
    case 'authenticated':
      return children(session.user);
    default:
      return assertNever(session, 'Unknown session state');
  }
}

/** Renders its children for a visitor; a signed-in user goes straight to the inbox. */
export function RequireAnonymous({
  children,
}: {
  children: (endedReason: SessionEndedReason | null) => ReactNode;
}) {
  const { session } = useSession();
  switch (session.status) {
    case 'loading':
      return <SessionLoading />;
    case 'authenticated':
      return <Navigate to="/inbox" replace />;
    case 'anonymous':
      return children(session.endedReason);
    default:
      return assertNever(session, 'Unknown session state');
  }
}

/**
 * A section for the roles that may open it (`sections.ts`); anyone else signed in gets a "not allowed" page
 * rather than an empty screen of refused API calls. The API checks the same roles on every call.
 */
export function RequireSection({
  section,
  children,
}: {
  section: ConsoleSection;
  children: (user: SessionUser) => ReactNode;
}) {
  return (
    <RequireSession>
      {(user) => (canOpenSection(section, user.role) ? children(user) : <ForbiddenPage user={user} />)}
    </RequireSession>
  );
}

function ForbiddenPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  useDocumentTitle(`${t('app.forbidden.title')} · ${t('app.name')}`);
  return (
    <ConsoleFrame user={user} testId="forbidden">
      <main className="forbidden" aria-labelledby="forbidden-heading">
        <h1 id="forbidden-heading">{t('app.forbidden.title')}</h1>
        <p>{t('app.forbidden.body')}</p>
        <Link className="button button--primary" to={sectionPaths.inbox}>
          {t('app.forbidden.back')}
        </Link>
      </main>
    </ConsoleFrame>
  );
}
