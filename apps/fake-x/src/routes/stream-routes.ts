import { parseTweetSelection } from '../render/field-selection';
import { isoDate, readJsonBody } from '../server/http-helpers';
import type { Route, RouteContext } from '../server/router';
import type { FakeXServices } from '../server/services';
import { invalidParameter, invalidRequest, PROBLEM_BASE } from '../server/x-errors';
import { parseRule, RuleSyntaxError } from '../stream/rule-parser';
import { parseIntegerParameter } from './timeline-page';

const STREAM_PARAMETERS = [
  'backfill_minutes',
  'start_time',
  'end_time',
  'tweet.fields',
  'post.fields',
  'expansions',
  'media.fields',
  'poll.fields',
  'user.fields',
  'place.fields',
];
const MAX_RULES = 1000;
const MAX_RULE_LENGTH = 1024;

export function streamRoutes(services: FakeXServices): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/2/tweets/search/stream',
      api: { endpoint: 'stream-connect', auth: 'app', queryParameters: STREAM_PARAMETERS },
      handle: (context) => {
        const selection = parseTweetSelection(context.query);
        const backfillMinutes = parseIntegerParameter(context.query, {
          name: 'backfill_minutes',
          min: 0,
          max: 5,
          fallback: 0,
        });
        services.stream.attach({
          response: context.response,
          selection,
          headers: context.headers,
          backfillMinutes,
        });
      },
    },
    {
      method: 'GET',
      pattern: '/2/tweets/search/stream/rules',
      api: {
        endpoint: 'stream-rules-read',
        auth: 'app',
        queryParameters: ['ids', 'max_results', 'pagination_token'],
      },
      handle: (context) => listRules(services, context),
    },
    {
      method: 'POST',
      pattern: '/2/tweets/search/stream/rules',
      api: { endpoint: 'stream-rules-write', auth: 'app', queryParameters: ['dry_run', 'delete_all'] },
      handle: (context) => updateRules(services, context),
    },
  ];
}

function listRules(services: FakeXServices, context: RouteContext): void {
  const maxResults = parseIntegerParameter(context.query, {
    name: 'max_results',
    min: 1,
    max: 1000,
    fallback: 1000,
  });
  const ids = context.query.get('ids')?.split(',');
  const rules = services.store
    .listRules()
    .filter((rule) => !ids || ids.includes(rule.id))
    .slice(0, maxResults);
  const sent = isoDate(services.clock.now());
  if (rules.length === 0) {
    context.send(200, { meta: { sent, result_count: 0 } });
    return;
  }
  context.send(200, { data: rules.map(renderRule), meta: { sent, result_count: rules.length } });
}

function renderRule(rule: { id: string; value: string; tag?: string }): Record<string, string> {
  return rule.tag === undefined
    ? { id: rule.id, value: rule.value }
    : { id: rule.id, value: rule.value, tag: rule.tag };
}

async function updateRules(services: FakeXServices, context: RouteContext): Promise<void> {
  const isDryRun = readBoolean(context.query, 'dry_run');
  const isDeleteAll = readBoolean(context.query, 'delete_all');
  const sent = isoDate(services.clock.now());
  if (isDeleteAll) {
    const all = services.store.listRules();
    if (!isDryRun) for (const rule of all) services.store.deleteRule(rule.id);
    context.send(200, { meta: { sent, summary: { deleted: all.length, not_deleted: 0 } } });
    return;
  }
  const body = await readJsonBody(context.request);
  if ('add' in body && 'delete' in body)
    throw invalidRequest([{ parameters: {}, message: 'Only one of add or delete may be specified' }]);
  if (Array.isArray(body['add'])) addRules(services, context, body['add'], { isDryRun, sent });
  else if (typeof body['delete'] === 'object' && body['delete'] !== null)
    deleteRules(services, context, body['delete'] as Record<string, unknown>, { isDryRun, sent });
  else
    throw invalidRequest([
      { parameters: {}, message: 'Request body must contain an "add" array or a "delete" object' },
    ]);
}

function addRules(
  services: FakeXServices,
  context: RouteContext,
  entries: unknown[],
  options: { isDryRun: boolean; sent: string },
): void {
  const existing = services.store.listRules();
  const created: { id: string; value: string; tag?: string }[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const entry of entries) {
    const value =
      typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['value'] : undefined;
    const tag =
      typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['tag'] : undefined;
    if (typeof value !== 'string')
      throw invalidRequest([{ parameters: {}, message: '$.add[*].value: is missing but it is required' }]);
    const duplicate = [...existing, ...created].find((rule) => rule.value === value);
    if (duplicate) {
      errors.push({
        value,
        id: duplicate.id,
        title: 'DuplicateRule',
        type: `${PROBLEM_BASE}/duplicate-rules`,
      });
      continue;
    }
    const problem = ruleProblem(value, existing.length + created.length);
    if (problem) {
      errors.push({
        value,
        details: [problem.message],
        title: problem.title,
        type: `${PROBLEM_BASE}/${problem.type}`,
      });
      continue;
    }
    created.push({
      id: services.store.snowflake.nextNow(services.clock.now()).id,
      value,
      ...(typeof tag === 'string' ? { tag } : {}),
    });
  }
  if (!options.isDryRun) for (const rule of created) services.store.addRule(rule);
  const invalid = errors.filter((error) => error['title'] !== 'DuplicateRule').length;
  const summary = {
    created: created.length,
    not_created: entries.length - created.length,
    valid: created.length,
    invalid: entries.length - created.length,
  };
  const meta = { sent: options.sent, summary };
  const body = {
    ...(created.length > 0 ? { data: created.map(renderRule) } : {}),
    meta,
    ...(errors.length > 0 ? { errors } : {}),
  };
  // Duplicates alone are a 200 (OBS capture); a syntactically invalid rule fails the request.
  if (invalid > 0) {
    context.send(400, {
      ...body,
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: `${PROBLEM_BASE}/invalid-request`,
    });
    return;
  }
  context.send(200, body);
}

function ruleProblem(
  value: string,
  currentCount: number,
): { title: string; type: string; message: string } | undefined {
  if (currentCount >= MAX_RULES)
    return { title: 'RuleCapExceeded', type: 'rule-cap', message: `Rule cap of ${MAX_RULES} rules reached` };
  if (value.length > MAX_RULE_LENGTH)
    return {
      title: 'UnprocessableEntity',
      type: 'invalid-rules',
      message: `Rule exceeds the maximum length of ${MAX_RULE_LENGTH} characters`,
    };
  try {
    parseRule(value);
    return undefined;
  } catch (error) {
    if (error instanceof RuleSyntaxError)
      return { title: 'UnprocessableEntity', type: 'invalid-rules', message: error.message };
    throw error;
  }
}

function deleteRules(
  services: FakeXServices,
  context: RouteContext,
  request: Record<string, unknown>,
  options: { isDryRun: boolean; sent: string },
): void {
  const ids = Array.isArray(request['ids'])
    ? request['ids'].filter((id): id is string => typeof id === 'string')
    : [];
  const values = Array.isArray(request['values'])
    ? request['values'].filter((value): value is string => typeof value === 'string')
    : [];
  if (ids.length === 0 && values.length === 0)
    throw invalidRequest([{ parameters: {}, message: '$.delete: one of ids or values is required' }]);
  const rules = services.store.listRules();
  const targets = [
    ...ids.map((id) => ({ key: id, rule: rules.find((rule) => rule.id === id) })),
    ...values.map((value) => ({ key: value, rule: rules.find((rule) => rule.value === value) })),
  ];
  const errors = targets
    .filter((target) => !target.rule)
    .map((target) => ({
      value: target.key,
      title: 'Not Found Error',
      detail: `Could not find rule: [${target.key}].`,
      type: `${PROBLEM_BASE}/resource-not-found`,
    }));
  const found = targets.flatMap((target) => (target.rule ? [target.rule] : []));
  if (!options.isDryRun) for (const rule of found) services.store.deleteRule(rule.id);
  context.send(200, {
    meta: { sent: options.sent, summary: { deleted: found.length, not_deleted: errors.length } },
    ...(errors.length > 0 ? { errors } : {}),
  });
}

function readBoolean(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null) return false;
  if (raw !== 'true' && raw !== 'false')
    throw invalidParameter(
      name,
      raw,
      `The \`${name}\` query parameter value [${raw}] is not one of [true,false]`,
    );
  return raw === 'true';
}
