import { type SessionEnded, type SessionUser } from '@vigie/contracts';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { fetchSessionUser } from './auth.api';

export type SessionEndedReason = SessionEnded['reason'];

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; endedReason: SessionEndedReason | null }
  | { status: 'authenticated'; user: SessionUser };

type SessionContextValue = {
  session: SessionState;
  markSignedIn: (user: SessionUser) => void;
  markSignedOut: (reason: SessionEndedReason | null) => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

/** Asks the API who is signed in once, then tracks sign-in and sign-out for the whole app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let isCancelled = false;
    fetchSessionUser()
      .then((user) => (user ? { status: 'authenticated' as const, user } : null))
      // An unreachable API shows the login page; signing in will then explain the network error.
      .catch(() => null)
      .then((next) => {
        if (!isCancelled) {
          setSession(next ?? { status: 'anonymous', endedReason: null });
        }
      });
    return () => {
      isCancelled = true;
    };
  }, []);

  const markSignedIn = useCallback((user: SessionUser) => setSession({ status: 'authenticated', user }), []);
  const markSignedOut = useCallback(
    (reason: SessionEndedReason | null) => setSession({ status: 'anonymous', endedReason: reason }),
    [],
  );
  const value = useMemo(
    () => ({ session, markSignedIn, markSignedOut }),
    [session, markSignedIn, markSignedOut],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession must be used inside <SessionProvider>');
  }
  return value;
}
