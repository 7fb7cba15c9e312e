import 'i18next';
import { type Translation } from './translation';

// Typed keys: `t('login.errors.typo')` fails typecheck instead of showing a raw key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}
