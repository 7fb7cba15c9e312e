import {
  type CannedAnswerVariable,
  cannedAnswerVariables,
  type CannedAnswerView,
  type CreateCannedAnswerRequest,
} from '@vigie/contracts';
import {
  maxCannedBodyLength,
  maxCannedTitleLength,
  parseCannedTemplate,
  renderCannedTemplate,
} from '@vigie/canned-core';
import { isDomainError } from '@vigie/kernel';

export type CannedAnswerDraft = { language: string; title: string; shortcut: string; body: string };
export type CannedField = 'language' | 'title' | 'shortcut' | 'body';
export type CannedProblem =
  | { code: 'required' | 'tooLong' | 'language' | 'shortcut' | 'malformedVariable' | 'duplicate' }
  | { code: 'unknownVariables'; names: string[] };

const languagePattern = /^[a-z]{2}$/;
const shortcutPattern = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function cannedDraftOf(answer: CannedAnswerView): CannedAnswerDraft {
  return {
    language: answer.language,
    title: answer.title,
    shortcut: answer.shortcut ?? '',
    body: answer.body,
  };
}

/** "/Panne " → "panne": what the API stores; "" when none. */
function normalizedShortcut(text: string): string {
  return text.trim().replace(/^\//, '').toLowerCase();
}

/**
 * The answer's fields to send, or what to fix. The rules are the API's (`normalizeCannedAnswer` in
 * `@vigie/canned-core`): a title of 1 to 120 characters, a body whose variables are all known, a two-letter
 * language, a shortcut of lower-case letters, digits, - or _; and, as the API checks, no other live answer of the
 * brand in that language with the same title or shortcut.
 */
export function parseCannedDraft(params: {
  draft: CannedAnswerDraft;
  brandId: string;
  /** The brand's other live answers. */
  others: readonly CannedAnswerView[];
}):
  | { kind: 'ok'; request: CreateCannedAnswerRequest & { shortcut: string | null } }
  | { kind: 'invalid'; problems: Partial<Record<CannedField, CannedProblem>> } {
  const { draft } = params;
  const problems: Partial<Record<CannedField, CannedProblem>> = {};
  const language = draft.language.trim().toLowerCase();
  const title = draft.title.trim();
  const body = draft.body.trim();
  const shortcut = normalizedShortcut(draft.shortcut);
  const sameLanguage = params.others.filter(
    (other) => other.language === language && other.deletedAt === null,
  );
  if (!languagePattern.test(language)) problems.language = { code: 'language' };
  if (title === '') problems.title = { code: 'required' };
  else if ([...title].length > maxCannedTitleLength) problems.title = { code: 'tooLong' };
  else if (sameLanguage.some((other) => other.title.toLowerCase() === title.toLowerCase()))
    problems.title = { code: 'duplicate' };
  if (shortcut !== '' && !shortcutPattern.test(shortcut)) problems.shortcut = { code: 'shortcut' };
  else if (shortcut !== '' && sameLanguage.some((other) => other.shortcut === shortcut))
    problems.shortcut = { code: 'duplicate' };
  if (body === '') problems.body = { code: 'required' };
  else if ([...body].length > maxCannedBodyLength) problems.body = { code: 'tooLong' };
  else {
    const variableProblem = templateProblem(body);
    if (variableProblem) problems.body = variableProblem;
  }
  if (Object.keys(problems).length > 0) return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    request: { brandId: params.brandId, language, title, body, shortcut: shortcut === '' ? null : shortcut },
  };
}

function templateProblem(body: string): CannedProblem | null {
  try {
    parseCannedTemplate(body, cannedAnswerVariables);
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const unknown = error.details?.['unknown'];
    return Array.isArray(unknown)
      ? { code: 'unknownVariables', names: unknown.map((name) => `{{${String(name)}}}`) }
      : { code: 'malformedVariable' };
  }
}

/** The answer as an agent would insert it, with example values (the console fills the real ones). */
export function exampleRendering(body: string, values: Record<CannedAnswerVariable, string>): string {
  return renderCannedTemplate({ body, known: cannedAnswerVariables, values }).text;
}
