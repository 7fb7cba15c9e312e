import { type SessionUser } from '@vigie/contracts';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { assertNever } from '@vigie/kernel';
import { type SessionEndedReason, useSession } from '../auth/session.context';

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
