import {
  type ConnectXAccountRequest,
  type CreateBrandRequest,
  type IngestionMode,
  ingestionModes,
} from '@vigie/contracts';

const maxBrandNameLength = 120;
const languagePattern = /^[a-z]{2}$/;

export type BrandProblem = 'required' | 'tooLong' | 'language' | 'duplicate';

/** A new brand's request, or what to fix (the API refuses a name already taken). */
export function parseNewBrand(
  draft: { name: string; defaultLanguage: string },
  existingNames: readonly string[],
):
  | { kind: 'ok'; request: CreateBrandRequest }
  | { kind: 'invalid'; problems: Partial<Record<'name' | 'defaultLanguage', BrandProblem>> } {
  const problems: Partial<Record<'name' | 'defaultLanguage', BrandProblem>> = {};
  const name = draft.name.trim();
  const defaultLanguage = draft.defaultLanguage.trim().toLowerCase();
  if (name === '') problems.name = 'required';
  else if (name.length > maxBrandNameLength) problems.name = 'tooLong';
  else if (existingNames.some((existing) => existing.toLowerCase() === name.toLowerCase()))
    problems.name = 'duplicate';
  if (!languagePattern.test(defaultLanguage)) problems.defaultLanguage = 'language';
  return Object.keys(problems).length > 0
    ? { kind: 'invalid', problems }
    : { kind: 'ok', request: { name, defaultLanguage } };
}

export type ConnectDraft = {
  mode: IngestionMode;
  accessToken: string;
  accessSecret: string;
  consumerKey: string;
  consumerSecret: string;
  appBearerToken: string;
  apiBaseUrl: string;
};

export const emptyConnectDraft: ConnectDraft = {
  mode: 'stream',
  accessToken: '',
  accessSecret: '',
  consumerKey: '',
  consumerSecret: '',
  appBearerToken: '',
  apiBaseUrl: '',
};

export type ConnectField = Exclude<keyof ConnectDraft, 'mode'>;
export type ConnectProblem = 'required' | 'requiredForMode' | 'oauth1Incomplete' | 'url';

/**
 * The connection request for X, or what to fix. The API's rules (docs/ingestion.md): stream needs the app's bearer
 * token, webhook the app secret (signatures); OAuth 1.0a needs the access secret with the app key and secret.
 * Empty optional fields are left out, never sent as "".
 */
export function parseConnectDraft(
  draft: ConnectDraft,
  brandId: string,
):
  | { kind: 'ok'; request: ConnectXAccountRequest }
  | { kind: 'invalid'; problems: Partial<Record<ConnectField, ConnectProblem>> } {
  const value = (field: ConnectField) => draft[field].trim();
  const problems: Partial<Record<ConnectField, ConnectProblem>> = {};
  if (value('accessToken') === '') problems.accessToken = 'required';
  if (draft.mode === 'stream' && value('appBearerToken') === '') problems.appBearerToken = 'requiredForMode';
  if (draft.mode === 'webhook' && value('consumerSecret') === '') problems.consumerSecret = 'requiredForMode';
  if (value('accessSecret') !== '') {
    if (value('consumerKey') === '') problems.consumerKey = 'oauth1Incomplete';
    if (value('consumerSecret') === '') problems.consumerSecret = 'oauth1Incomplete';
  }
  if (value('apiBaseUrl') !== '' && !isHttpUrl(value('apiBaseUrl'))) problems.apiBaseUrl = 'url';
  if (Object.keys(problems).length > 0) return { kind: 'invalid', problems };
  const optional = (
    ['accessSecret', 'consumerKey', 'consumerSecret', 'appBearerToken', 'apiBaseUrl'] as const
  )
    .filter((field) => value(field) !== '')
    .map((field) => [field, value(field)] as const);
  return {
    kind: 'ok',
    request: {
      brandId,
      mode: draft.mode,
      accessToken: value('accessToken'),
      ...Object.fromEntries(optional),
    },
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function isIngestionMode(value: string): value is IngestionMode {
  return (ingestionModes as readonly string[]).includes(value);
}
