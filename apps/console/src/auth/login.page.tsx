import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { BrandMark } from '../shared/brand-mark.component';
import { LanguageSwitch } from '../shared/language-switch.component';
import { useDocumentTitle } from '../shared/use-document-title.hook';
import { signIn } from './auth.api';
import { type LoginErrorMessage, loginErrorMessage } from './login-error';
import { type SessionEndedReason, useSession } from './session.context';
import './login.page.css';

const sessionEndedKeys = {
  logout: 'login.sessionEnded.logout',
  expired: 'login.sessionEnded.expired',
  deactivated: 'login.sessionEnded.deactivated',
} as const satisfies Record<SessionEndedReason, string>;

export function LoginPage({ endedReason }: { endedReason: SessionEndedReason | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { markSignedIn } = useSession();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [error, setError] = useState<LoginErrorMessage | null>(null);
  useDocumentTitle(`${t('login.title')} · ${t('app.name')}`);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) {
      return;
    }
    const form = new FormData(event.currentTarget);
    setIsSubmitting(true);
    setError(null);
    const result = await signIn({
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    });
    if (result.kind === 'signed-in') {
      markSignedIn(result.user);
      void navigate('/inbox', { replace: true });
      return;
    }
    setError(loginErrorMessage(result.failure, Date.now()));
    setIsSubmitting(false);
  }

  const errorText = error
    ? error.key === 'login.errors.rateLimited'
      ? t(error.key, error.params)
      : t(error.key)
    : null;
  const hasCredentialError =
    error?.key === 'login.errors.invalidCredentials' || error?.key === 'login.errors.validationFailed';

  return (
    <div className="login-layout">
      <header className="login-layout__top">
        <LanguageSwitch />
      </header>
      <main className="login">
        <div className="login__brand">
          <BrandMark size={44} />
          <h1 className="login__app-name">{t('app.name')}</h1>
          <p className="login__tagline">{t('app.tagline')}</p>
        </div>
        <section className="login-card" aria-labelledby="login-heading">
          <h2 id="login-heading" className="login-card__heading">
            {t('login.heading')}
          </h2>
          {endedReason && !error ? (
            <p className="notice notice--info" role="status">
              {t(sessionEndedKeys[endedReason])}
            </p>
          ) : null}
          <form className="login-card__form" onSubmit={(event) => void handleSubmit(event)} noValidate>
            <div className="field">
              <label className="field__label" htmlFor="login-email">
                {t('login.email')}
              </label>
              <input
                id="login-email"
                className="field__input"
                name="email"
                type="email"
                inputMode="email"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                aria-invalid={hasCredentialError || undefined}
                aria-describedby={error ? 'login-error' : undefined}
                data-testid="login-email"
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="login-password">
                {t('login.password')}
              </label>
              <input
                id="login-password"
                className="field__input"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                aria-invalid={hasCredentialError || undefined}
                aria-describedby={error ? 'login-error' : undefined}
                data-testid="login-password"
              />
            </div>
            {errorText ? (
              <p id="login-error" className="notice notice--error" role="alert" data-testid="login-error">
                {errorText}
              </p>
            ) : null}
            <button
              type="submit"
              className="button button--primary login-card__submit"
              disabled={isSubmitting}
              aria-busy={isSubmitting}
              data-testid="login-submit"
            >
              {isSubmitting ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}
