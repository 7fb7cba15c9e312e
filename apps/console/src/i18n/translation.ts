import { type fr } from './fr';

/** The shape every language resource must have: French is the reference. */
export type Translation = typeof fr;

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
