import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AdminPage } from '../admin/admin.page';
import { LoginPage } from '../auth/login.page';
import { SessionProvider } from '../auth/session.context';
import { InboxPage } from '../inbox/inbox.page';
import { OpsPage } from '../ops/ops.page';
import { SupervisorPage } from '../supervisor/supervisor.page';
import { RequireAnonymous, RequireSection, RequireSession } from './route-guards';

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route
            path="/login"
            element={
              <RequireAnonymous>{(endedReason) => <LoginPage endedReason={endedReason} />}</RequireAnonymous>
            }
          />
          <Route
            path="/inbox"
            element={<RequireSession>{(user) => <InboxPage user={user} />}</RequireSession>}
          />
          <Route
            path="/supervisor"
            element={
              <RequireSection section="slaBoard">{(user) => <SupervisorPage user={user} />}</RequireSection>
            }
          />
          <Route
            path="/ops/*"
            element={<RequireSection section="ops">{(user) => <OpsPage user={user} />}</RequireSection>}
          />
          <Route
            path="/admin/*"
            element={
              <RequireSection section="administration">{(user) => <AdminPage user={user} />}</RequireSection>
            }
          />
          <Route path="*" element={<Navigate to="/inbox" replace />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
