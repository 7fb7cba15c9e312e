import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { signOut } from '../auth/auth.api';
import { useSession } from '../auth/session.context';

export function SignOutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { markSignedOut } = useSession();
  const [isSigningOut, setIsSigningOut] = useState(false);

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
    <button
      type="button"
      className="button button--secondary"
      onClick={() => void handleSignOut()}
      disabled={isSigningOut}
      data-testid="logout"
    >
      {t('inbox.logout')}
    </button>
  );
}
