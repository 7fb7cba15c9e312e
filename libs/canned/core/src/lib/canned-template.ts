import { DomainError } from '@vigie/kernel';

/** `{{ name }}`: anything but braces between double braces, spaces allowed around the name. */
const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type CannedTemplate<V extends string> = {
  /** The known variables it uses, each once, in order of first use. */
  variables: V[];
};

function isKnown<V extends string>(known: readonly V[], name: string): name is V {
  return (known as readonly string[]).includes(name);
}

function listOf(known: readonly string[]): string {
  return known.map((name) => `{{${name}}}`).join(', ');
}

/**
 * Reads a canned answer's body and checks its variables against `known`: an unknown variable, an empty `{{}}`
 * or a brace pair left open is refused with a message that says which and lists the known ones.
 *
 * @throws DomainError 'invalid' (details.reason `unknown_variable` or `malformed_variable`).
 */
export function parseCannedTemplate<V extends string>(body: string, known: readonly V[]): CannedTemplate<V> {
  const variables: V[] = [];
  const unknown: string[] = [];
  for (const match of body.matchAll(placeholderPattern)) {
    const name = match[1] ?? '';
    if (isKnown(known, name)) {
      if (!variables.includes(name)) variables.push(name);
    } else if (!unknown.includes(name)) unknown.push(name);
  }
  if (unknown.length > 0) {
    const names = unknown.map((name) => `{{${name}}}`).join(', ');
    throw new DomainError({
      code: 'invalid',
      message: `Unknown variable${unknown.length > 1 ? 's' : ''} ${names} in the canned answer. Known variables: ${listOf(known)}.`,
      details: { reason: 'unknown_variable', unknown },
    });
  }
  // Once every placeholder is taken out, no brace pair may remain: "{{customer.name}" or a lone "{{".
  const rest = body.replace(placeholderPattern, '');
  if (rest.includes('{{') || rest.includes('}}'))
    throw new DomainError({
      code: 'invalid',
      message: `A variable is not closed in the canned answer: write it {{name}}. Known variables: ${listOf(known)}.`,
      details: { reason: 'malformed_variable' },
    });
  return { variables };
}

/**
 * Fills a template in one pass: a value is inserted as it is and never read again as a template, so a customer
 * named "{{agent.name}}" stays so. A known variable without a value is left empty and reported; an unknown one
 * (never stored: refused at save time) is left as written.
 */
export function renderCannedTemplate<V extends string>(params: {
  body: string;
  known: readonly V[];
  values: Partial<Record<V, string | null>>;
}): { text: string; missingVariables: V[] } {
  const missingVariables: V[] = [];
  const text = params.body.replace(placeholderPattern, (placeholder, name: string) => {
    if (!isKnown(params.known, name)) return placeholder;
    const value = params.values[name];
    if (value === undefined || value === null || value === '') {
      if (!missingVariables.includes(name)) missingVariables.push(name);
      return '';
    }
    return value;
  });
  return { text, missingVariables };
}

export type CannedAnswerFields = {
  language: string;
  title: string;
  body: string;
  shortcut: string | null;
};

const languagePattern = /^[a-z]{2}$/;
const shortcutPattern = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const maxCannedTitleLength = 120;
export const maxCannedBodyLength = 10_000;

function invalid(message: string): DomainError {
  return new DomainError({ code: 'invalid', message });
}

/** `fr`, ` EN ` → `fr`, `en`; anything but two letters is refused. */
export function normalizeCannedLanguage(value: string): string {
  const language = value.trim().toLowerCase();
  if (!languagePattern.test(language)) throw invalid('language must be two letters, such as fr or en.');
  return language;
}

/** `/Panne` → `panne`; empty → null. */
export function normalizeCannedShortcut(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const shortcut = value.trim().replace(/^\//, '').toLowerCase();
  if (shortcut === '') return null;
  if (!shortcutPattern.test(shortcut))
    throw invalid(
      'shortcut must be 1 to 32 lower-case letters, digits, - or _, starting with a letter or a digit.',
    );
  return shortcut;
}

/**
 * The fields of a canned answer as stored: a trimmed title of 1 to 120 characters, a non-blank trimmed body of at
 * most 10,000 characters whose variables are all in `known`, a two-letter language and an optional shortcut.
 *
 * @throws DomainError 'invalid' naming the field.
 */
export function normalizeCannedAnswer<V extends string>(
  input: CannedAnswerFields,
  known: readonly V[],
): CannedAnswerFields & CannedTemplate<V> {
  const title = input.title.trim();
  if (title === '' || [...title].length > maxCannedTitleLength)
    throw invalid(`title must be 1 to ${maxCannedTitleLength} characters.`);
  const body = input.body.trim();
  if (body === '') throw invalid('body must not be empty.');
  if ([...body].length > maxCannedBodyLength) throw invalid('body must be at most 10,000 characters.');
  const template = parseCannedTemplate(body, known);
  return {
    language: normalizeCannedLanguage(input.language),
    title,
    body,
    shortcut: normalizeCannedShortcut(input.shortcut),
    variables: template.variables,
  };
}
