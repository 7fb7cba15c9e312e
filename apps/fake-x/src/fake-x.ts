import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlBurstRoutes } from './routes/control-burst-routes';
import { controlFaultRoutes } from './routes/control-fault-routes';
import { controlWorldRoutes } from './routes/control-world-routes';
import { dmRoutes } from './routes/dm-routes';
import { streamRoutes } from './routes/stream-routes';
import { timelineRoutes } from './routes/timeline-routes';
import { tweetRoutes } from './routes/tweet-routes';
import { userRoutes } from './routes/user-routes';
import { DEFAULT_BRAND_USERNAME, ScenarioRunner, type ScenarioOptions } from './scenario/scenario-runner';
import { FaultInjector } from './server/fault-injector';
import { RateLimiter, type EndpointKey, type EndpointLimit } from './server/rate-limiter';
import { Router } from './server/router';
import type { FakeXPolicies, FakeXServices } from './server/services';
import { FakeClock } from './store/fake-clock';
import { FakeXStore } from './store/fake-x-store';
import type { UserRecord } from './store/models';
import { StreamHub } from './stream/stream-hub';
import { WebhookDispatcher } from './webhook/webhook-dispatcher';

export interface FakeXOptions {
  /** 0 (default) = any free port. */
  port?: number;
  host?: string;
  /** Interval of the stream's `\r\n` keep-alives (X: 20 s). */
  keepAliveMs?: number;
  rateLimits?: Partial<Record<EndpointKey, Partial<EndpointLimit>>>;
  policies?: Partial<FakeXPolicies>;
  /** Create the demo brand (@VigieTelecom, id 1111111111) at start and after each reset. Default true. */
  isBrandSeeded?: boolean;
  scenario?: ScenarioOptions;
  /** How often registered webhooks are CRC-checked again (X: hourly). */
  crcIntervalMs?: number;
  log?: (line: string) => void;
}

export interface FakeX {
  url: string;
  port: number;
  store: FakeXStore;
  services: FakeXServices;
  /** The seeded brand account, when `isBrandSeeded`. */
  brand: UserRecord | undefined;
  close(): Promise<void>;
}

export const DEFAULT_BRAND_ID = '1111111111';
export const DEFAULT_BRAND_ACCESS_TOKEN = `${DEFAULT_BRAND_ID}-vigietelecom-access-token`;

/** Starts the fake X API v2 in this process (tests, e2e, benchmarks) and resolves once it listens. */
export async function startFakeX(options: FakeXOptions = {}): Promise<FakeX> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = new FakeClock();
  const store = new FakeXStore(clock);
  const isBrandSeeded = options.isBrandSeeded ?? true;
  const seedDefaults = () => {
    if (!isBrandSeeded) return;
    store.createUser({
      id: DEFAULT_BRAND_ID,
      username: DEFAULT_BRAND_USERNAME,
      name: 'Vigie Telecom',
      kind: 'brand',
      verified: true,
      description: 'Le compte officiel du service client Vigie Telecom. On vous répond 7j/7 de 8h à 22h 📶',
      location: 'Paris, France',
      followersCount: 48_200,
      followingCount: 312,
      lang: 'fr',
      accessTokens: [DEFAULT_BRAND_ACCESS_TOKEN],
    });
  };
  const services: FakeXServices = {
    store,
    clock,
    stream: new StreamHub(store, options.keepAliveMs ?? 20_000),
    rateLimiter: new RateLimiter(() => clock.now(), options.rateLimits),
    faults: new FaultInjector(),
    webhooks: new WebhookDispatcher(store, log, options.crcIntervalMs ?? 3_600_000),
    scenario: new ScenarioRunner(store),
    policies: { isReplyRestricted: true, isDuplicateContentRejected: true, ...options.policies },
    seedDefaults,
    log,
  };
  seedDefaults();
  const router = new Router({ store, rateLimiter: services.rateLimiter, faults: services.faults, log });
  router.add([
    { method: 'GET', pattern: '/health', handle: (context) => context.send(200, { status: 'ok' }) },
    ...streamRoutes(services),
    ...timelineRoutes(services),
    ...tweetRoutes(services),
    ...userRoutes(services),
    ...dmRoutes(services),
    ...controlWorldRoutes(services),
    ...controlFaultRoutes(services),
    ...controlBurstRoutes(services),
  ]);
  const server = createServer((request, response) => void router.dispatch(request, response));
  server.keepAliveTimeout = 5_000;
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const port = (server.address() as AddressInfo).port;
  if (options.scenario && options.scenario.mode !== 'none') services.scenario.start(options.scenario);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    services,
    brand: store.findUser(DEFAULT_BRAND_ID),
    close: async () => {
      services.scenario.stop();
      services.stream.close();
      services.webhooks.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
