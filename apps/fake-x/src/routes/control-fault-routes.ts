import { z } from 'zod';
import type { EndpointKey } from '../server/rate-limiter';
import { DEFAULT_LIMITS } from '../server/rate-limiter';
import type { Route } from '../server/router';
import type { FakeXServices } from '../server/services';
import { genericProblem } from '../server/x-errors';
import { parseControl, readControlBody, resolveUser } from './control-input';

const ENDPOINTS = Object.keys(DEFAULT_LIMITS) as [EndpointKey, ...EndpointKey[]];

/** Control routes that break things on purpose: stream faults, failing requests, rate limits; plus webhooks and scenarios. */
export function controlFaultRoutes(services: FakeXServices): Route[] {
  const { stream, faults, rateLimiter, webhooks, scenario, store } = services;
  const streamAction = (pattern: string, action: (body: unknown) => boolean): Route => ({
    method: 'POST',
    pattern,
    handle: async (context) => {
      const isDone = action(await readControlBody(context.request));
      if (!isDone) throw genericProblem(409, 'No stream connection is open');
      context.send(200, { data: stream.status() });
    },
  });
  return [
    {
      method: 'GET',
      pattern: '/control/stream',
      handle: (context) => context.send(200, { data: stream.status() }),
    },
    streamAction('/control/stream/drop', () => stream.drop()),
    streamAction('/control/stream/stall', (body) =>
      stream.stall(parseControl(z.object({ durationMs: z.number().int().positive() }), body).durationMs),
    ),
    streamAction('/control/stream/operational-disconnect', () => stream.operationalDisconnect()),
    streamAction('/control/stream/raw', (body) =>
      stream.sendRawLine(parseControl(z.object({ line: z.string().min(1).max(100_000) }), body).line),
    ),
    {
      method: 'POST',
      pattern: '/control/stream/keep-alive',
      handle: async (context) => {
        const input = parseControl(
          z.object({ intervalMs: z.number().int().positive() }),
          await readControlBody(context.request),
        );
        stream.setKeepAliveMs(input.intervalMs);
        context.send(200, { data: { intervalMs: input.intervalMs, appliesTo: 'new connections' } });
      },
    },
    {
      method: 'GET',
      pattern: '/control/faults',
      handle: (context) => context.send(200, { data: faults.list() }),
    },
    {
      method: 'POST',
      pattern: '/control/faults',
      handle: async (context) => {
        const input = parseControl(
          z.object({
            status: z.number().int().min(400).max(599),
            count: z.number().int().positive().default(1),
            pathPrefix: z.string().optional(),
            method: z.string().optional(),
            isAfterEffect: z.boolean().optional(),
          }),
          await readControlBody(context.request),
        );
        faults.add({
          isAfterEffect: input.isAfterEffect,
          status: input.status,
          remaining: input.count,
          pathPrefix: input.pathPrefix,
          method: input.method,
        });
        context.send(201, { data: faults.list() });
      },
    },
    {
      method: 'DELETE',
      pattern: '/control/faults',
      handle: (context) => {
        faults.clear();
        context.send(200, { data: [] });
      },
    },
    {
      method: 'GET',
      pattern: '/control/rate-limits',
      handle: (context) => context.send(200, { data: rateLimiter.listLimits() }),
    },
    {
      method: 'POST',
      pattern: '/control/rate-limits',
      handle: async (context) => {
        const input = parseControl(
          z.object({
            endpoint: z.enum(ENDPOINTS),
            app: z.number().int().nonnegative().optional(),
            user: z.number().int().nonnegative().optional(),
            windowSeconds: z.number().int().positive().optional(),
          }),
          await readControlBody(context.request),
        );
        const { endpoint, ...limit } = input;
        rateLimiter.setLimit(endpoint, limit);
        context.send(200, { data: rateLimiter.listLimits()[endpoint] });
      },
    },
    {
      method: 'POST',
      pattern: '/control/rate-limits/reset',
      handle: (context) => {
        rateLimiter.resetWindows();
        context.send(200, { data: { reset: true } });
      },
    },
    {
      method: 'GET',
      pattern: '/control/webhooks',
      handle: (context) => context.send(200, { data: webhooks.list().map(renderWebhook) }),
    },
    {
      method: 'POST',
      pattern: '/control/webhooks',
      handle: async (context) => {
        const input = parseControl(
          z.object({
            url: z.string().url(),
            consumerSecret: z.string().min(1),
            forUsers: z.array(z.string()).optional(),
            duplicateDeliveries: z.boolean().optional(),
          }),
          await readControlBody(context.request),
        );
        const forUserIds = (
          input.forUsers ??
          store
            .listUsers()
            .filter((user) => user.kind === 'brand')
            .map((user) => user.id)
        ).map((reference) => resolveUser(store, reference).id);
        const registration = await webhooks.register({
          url: input.url,
          consumerSecret: input.consumerSecret,
          forUserIds,
          isDuplicating: input.duplicateDeliveries,
        });
        context.send(201, { data: renderWebhook(registration) });
      },
    },
    {
      method: 'POST',
      pattern: '/control/webhooks/:id/crc',
      handle: async (context) => {
        const id = context.params['id'];
        if (!webhooks.list().some((registration) => registration.id === id))
          throw genericProblem(404, `Unknown webhook ${id}`);
        await webhooks.runCrc(id);
        context.send(200, {
          data: renderWebhook(webhooks.list().find((registration) => registration.id === id)),
        });
      },
    },
    {
      method: 'DELETE',
      pattern: '/control/webhooks/:id',
      handle: (context) => {
        if (!webhooks.remove(context.params['id']))
          throw genericProblem(404, `Unknown webhook ${context.params['id']}`);
        context.send(200, { data: { deleted: true } });
      },
    },
    {
      method: 'GET',
      pattern: '/control/scenario',
      handle: (context) => context.send(200, { data: scenario.status() }),
    },
    {
      method: 'POST',
      pattern: '/control/scenario',
      handle: async (context) => {
        const input = parseControl(
          z.object({
            mode: z.enum(['demo', 'outage', 'fast', 'none']),
            seed: z.union([z.number(), z.string()]).optional(),
            rate: z.number().positive().optional(),
            count: z.number().int().positive().optional(),
          }),
          await readControlBody(context.request),
        );
        context.send(200, {
          data: scenario.start({
            mode: input.mode,
            seed: input.seed,
            ratePerSecond: input.rate,
            count: input.count,
          }),
        });
      },
    },
    {
      method: 'DELETE',
      pattern: '/control/scenario',
      handle: (context) => {
        scenario.stop();
        context.send(200, { data: scenario.status() });
      },
    },
  ];
}

function renderWebhook(
  registration: ReturnType<FakeXServices['webhooks']['list']>[number] | undefined,
): Record<string, unknown> | undefined {
  if (!registration) return undefined;
  return {
    id: registration.id,
    url: registration.url,
    valid: registration.isValid,
    created_at: new Date(registration.createdAtMs).toISOString(),
    for_user_ids: registration.forUserIds,
    last_crc_at: registration.lastCrcAt ?? null,
    last_crc_error: registration.lastCrcError ?? null,
    duplicate_deliveries: registration.isDuplicating,
    deliveries: registration.deliveries,
  };
}
