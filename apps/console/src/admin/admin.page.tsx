import { type SessionUser } from '@vigie/contracts';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleFrame } from '../app/console-frame.component';
import { AdminNav } from './admin-nav.component';
import './admin.css';

// The pages (and luxon, which the calendar preview computes with) load only when an admin opens them:
// agents' first paint never pays for them.
const AdminRoutes = lazy(() => import('./admin-routes.component'));

/** `/admin/*`: the side nav and the administration pages (admins only: `RequireSection` in app.tsx). */
export function AdminPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  return (
    <ConsoleFrame user={user} testId="admin-page">
      <div className="admin-layout">
        <AdminNav />
        <main className="admin-main" data-testid="admin-main">
          <Suspense
            fallback={
              <p className="admin-muted" role="status">
                {t('admin.loading')}
              </p>
            }
          >
            <AdminRoutes />
          </Suspense>
        </main>
      </div>
    </ConsoleFrame>
  );
}
