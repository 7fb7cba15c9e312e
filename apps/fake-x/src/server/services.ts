import type { FakeClock } from '../store/fake-clock';
import type { FakeXStore } from '../store/fake-x-store';
import type { StreamHub } from '../stream/stream-hub';
import type { WebhookDispatcher } from '../webhook/webhook-dispatcher';
import type { ScenarioRunner } from '../scenario/scenario-runner';
import type { FaultInjector } from './fault-injector';
import type { RateLimiter } from './rate-limiter';

/** Policies a test can switch (X's tier differences). */
export interface FakeXPolicies {
  /** Self-serve tiers: a reply needs the original author to have mentioned or quoted the poster (Enterprise: off). */
  isReplyRestricted: boolean;
  /** X refuses the same text twice from one account within 24 h (403). */
  isDuplicateContentRejected: boolean;
}

/** Everything the route handlers need; built once in `startFakeX`. */
export interface FakeXServices {
  store: FakeXStore;
  clock: FakeClock;
  stream: StreamHub;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  webhooks: WebhookDispatcher;
  scenario: ScenarioRunner;
  policies: FakeXPolicies;
  /** Recreates the default actors (the demo brand) after a reset. */
  seedDefaults(): void;
  log(line: string): void;
}
