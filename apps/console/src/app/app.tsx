import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../auth/login.page';
import { SessionProvider } from '../auth/session.context';
import { InboxPage } from '../inbox/inbox.page';
import { RequireAnonymous, RequireSession } from './route-guards';

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
          <Route path="*" element={<Navigate to="/inbox" replace />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
