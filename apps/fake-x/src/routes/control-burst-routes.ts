import { z } from 'zod';
import type { Route } from '../server/router';
import type { FakeXServices } from '../server/services';
import { genericProblem } from '../server/x-errors';
import { parseControl, readControlBody } from './control-input';

const burstInputSchema = z.object({
  count: z.number().int().positive().max(1_000_000),
  /** Posts per second; 0 = as fast as the fake can mint them (the stream then buffers what the client lags). */
  ratePerSecond: z.number().nonnegative().max(1_000_000),
  /** Distinct authors (`burst_0` … `burst_<n-1>`, created when missing). */
  authorCount: z.number().int().positive().max(100_000).default(100),
  /**
   * Threads the posts are spread over: post `i` replies to the previous post of thread `i % threadCount` (the
   * first post of each thread starts it). Absent: each post is a new thread.
   */
  threadCount: z.number().int().positive().max(1_000_000).optional(),
  /** The account every post mentions. */
  mention: z.string().default('VigieTelecom'),
});

type BurstInput = z.infer<typeof burstInputSchema>;

type Burst = {
  input: BurstInput;
  startedAtMs: number;
  finishedAtMs: number | null;
  /** Post ids in emit order, and when each was handed to the stream (epoch ms, sub-millisecond). */
  ids: string[];
  emittedAtMs: number[];
  timer: NodeJS.Timeout | undefined;
};

const TEXTS = [
  'plus de réseau depuis ce matin, vous faites quoi ?',
  'my internet keeps dropping every 10 minutes, please help',
  'ma box clignote rouge et plus de connexion',
  'third bill this month with the wrong amount, not happy',
  'comment je change mon offre sans frais ?',
  'is there an outage in Lyon? nothing works',
];
const TICK_MS = 5;
/** At the unbounded rate, posts minted per tick before yielding (so the stream socket can flush). */
const UNBOUNDED_CHUNK = 250;

/** Wall-clock epoch in milliseconds with sub-millisecond precision, comparable across local processes. */
const nowEpochMs = () => performance.timeOrigin + performance.now();

/**
 * Benchmark traffic (`npm run bench:ingest`): `count` mentions at `ratePerSecond`, each stamped with the moment
 * it went to the filtered stream, so a client can measure emit-to-receipt latency end to end.
 */
export function controlBurstRoutes(services: FakeXServices): Route[] {
  const { store } = services;
  let burst: Burst | undefined;

  function authorIds(input: BurstInput): string[] {
    return Array.from({ length: input.authorCount }, (_, index) => {
      const username = `burst_${index}`;
      return (store.findUserByUsername(username) ?? store.createUser({ username, name: `Burst ${index}` }))
        .id;
    });
  }

  function start(input: BurstInput): Burst {
    const authors = authorIds(input);
    const current: Burst = {
      input,
      startedAtMs: nowEpochMs(),
      finishedAtMs: null,
      ids: [],
      emittedAtMs: [],
      timer: undefined,
    };
    const emitOne = () => {
      const index = current.ids.length;
      const emittedAtMs = nowEpochMs();
      const post = store.createPost({
        authorId: authors[index % authors.length] as string,
        text: `@${input.mention} ${TEXTS[index % TEXTS.length]} #${index}`,
        lang: index % 2 === 0 ? 'fr' : 'en',
        origin: 'control',
        inReplyToPostId: input.threadCount === undefined ? undefined : current.ids[index - input.threadCount],
      });
      current.ids.push(post.id);
      current.emittedAtMs.push(emittedAtMs);
    };
    const tick = () => {
      const due =
        input.ratePerSecond === 0
          ? Math.min(input.count, current.ids.length + UNBOUNDED_CHUNK)
          : Math.min(
              input.count,
              Math.floor(((nowEpochMs() - current.startedAtMs) / 1000) * input.ratePerSecond) + 1,
            );
      while (current.ids.length < due) emitOne();
      if (current.ids.length >= input.count) {
        current.finishedAtMs = nowEpochMs();
        return;
      }
      current.timer = input.ratePerSecond === 0 ? setTimeout(tick, 0) : setTimeout(tick, TICK_MS);
    };
    tick();
    return current;
  }

  return [
    {
      method: 'POST',
      pattern: '/control/burst',
      handle: async (context) => {
        const input = parseControl(burstInputSchema, await readControlBody(context.request));
        if (burst && burst.finishedAtMs === null) throw genericProblem(409, 'A burst is already running');
        burst = start(input);
        context.send(202, { data: { count: input.count, ratePerSecond: input.ratePerSecond } });
      },
    },
    {
      method: 'GET',
      pattern: '/control/burst',
      handle: (context) => {
        if (!burst) throw genericProblem(404, 'No burst has run');
        context.send(200, {
          data: {
            count: burst.input.count,
            ratePerSecond: burst.input.ratePerSecond,
            emitted: burst.ids.length,
            isRunning: burst.finishedAtMs === null,
            startedAtMs: burst.startedAtMs,
            finishedAtMs: burst.finishedAtMs,
            // Only once done: the whole list is what a benchmark reads at the end.
            emits: burst.finishedAtMs === null ? [] : emitsOf(burst),
          },
        });
      },
    },
    {
      method: 'DELETE',
      pattern: '/control/burst',
      handle: (context) => {
        clearTimeout(burst?.timer);
        if (burst && burst.finishedAtMs === null) burst.finishedAtMs = nowEpochMs();
        context.send(200, { data: { emitted: burst?.ids.length ?? 0 } });
      },
    },
  ];
}

function emitsOf(burst: Burst): { id: string; emittedAtMs: number }[] {
  return burst.ids.map((id, index) => ({ id, emittedAtMs: burst.emittedAtMs[index] as number }));
}
