import { useTranslation } from 'react-i18next';
import { otherLanguage } from '../i18n/language';
import { switchLanguage } from '../i18n/i18n';
import { isLanguage } from '../i18n/translation';

/** One button that toggles FR ⇄ EN; it is labelled in the language it switches to. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  const target = otherLanguage(current);
  return (
    <button
      type="button"
      className={['language-switch', className].filter(Boolean).join(' ')}
      data-testid="language-switch"
      lang={target}
      title={t('language.switchToLabel')}
      onClick={() => void switchLanguage(target)}
    >
      <svg
        className="language-switch__icon"
        viewBox="0 0 16 16"
        width="16"
        height="16"
        aria-hidden="true"
        focusable="false"
      >
        <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path
          d="M1.75 8h12.5M8 1.75c1.8 1.9 2.6 4 2.6 6.25S9.8 12.35 8 14.25M8 1.75C6.2 3.65 5.4 5.75 5.4 8s.8 4.35 2.6 6.25"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
      </svg>
      {t('language.switchTo')}
    </button>
  );
}
