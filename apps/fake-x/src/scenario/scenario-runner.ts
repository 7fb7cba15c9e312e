import type { FakeXStore } from '../store/fake-x-store';
import type { UserRecord } from '../store/models';
import type { CastMember } from './cast';
import { rhythmFactor } from './daily-rhythm';
import {
  type GeneratedEvent,
  TrafficGenerator,
  type ScenarioMode,
  type TrafficEvent,
} from './traffic-generator';

export type ScenarioSetting = ScenarioMode | 'none';

export interface ScenarioOptions {
  mode: ScenarioSetting;
  seed?: number | string;
  /**
   * Posts per second (mean). Defaults: demo 0.07 (≈ 4/min, times the daily rhythm), outage the same around its
   * burst, fast 100.
   */
  ratePerSecond?: number;
  /** Stop after this many events (fast mode default 1000; others run until stopped). */
  count?: number;
  brandUsername?: string;
}

export interface ScenarioStatus {
  mode: ScenarioSetting;
  seed: string;
  ratePerSecond: number;
  emitted: number;
  count?: number;
  isRunning: boolean;
}

const DEFAULT_RATES: Record<ScenarioMode, number> = { demo: 0.07, outage: 0.07, fast: 100 };
/**
 * The outage burst's mean gap, whatever the rate and the hour: its 60 posts take about 5 minutes (12 a minute), so
 * Vigie's detector, which wants a rise that lasts (per-minute buckets, both halves of a 5-minute window), opens an
 * incident a few minutes in, at any time of day.
 */
export const OUTAGE_BURST_GAP_MS = 5_000;
export const DEFAULT_BRAND_USERNAME = 'VigieTelecom';

/**
 * The wait before the next event: a burst post's at the burst's pace; otherwise the mean interval, times the
 * event's factor over the daily rhythm (demo, outage) or exactly (fast).
 */
export function scenarioGapMs(params: {
  generated: Pick<GeneratedEvent, 'gapFactor' | 'isBurst'>;
  mode: ScenarioMode;
  meanIntervalMs: number;
  nowMs: number;
}): number {
  const { generated, mode, meanIntervalMs } = params;
  if (generated.isBurst) return OUTAGE_BURST_GAP_MS * generated.gapFactor;
  if (mode === 'fast') return meanIntervalMs;
  return (meanIntervalMs * generated.gapFactor) / rhythmFactor(params.nowMs);
}

interface StoryThread {
  rootPostId: string;
  lastPostId: string;
}

/**
 * Turns generated traffic into posts and DMs in the store, on a schedule: Poisson arrivals shaped by the daily
 * rhythm (demo, outage) or a steady rate (fast). Everything flows through the store, so the stream, the
 * timelines and the webhooks see scenario traffic exactly like injected traffic.
 */
export class ScenarioRunner {
  private timer: NodeJS.Timeout | undefined;
  private generator: TrafficGenerator | undefined;
  private current: ScenarioStatus = {
    mode: 'none',
    seed: '',
    ratePerSecond: 0,
    emitted: 0,
    isRunning: false,
  };
  private readonly threads = new Map<number, StoryThread>();
  private readonly brandPostIds = new Map<number, string>();
  private readonly latestBrandReplyByConversation = new Map<string, string>();
  private brand: UserRecord | undefined;

  constructor(private readonly store: FakeXStore) {
    store.on('post', (post) => {
      if (this.brand && post.authorId === this.brand.id && post.inReplyToPostId)
        this.latestBrandReplyByConversation.set(post.conversationId, post.id);
    });
  }

  start(options: ScenarioOptions): ScenarioStatus {
    this.stop();
    if (options.mode === 'none') return this.status();
    const mode = options.mode;
    const seed = String(options.seed ?? 42);
    const brandUsername = options.brandUsername ?? DEFAULT_BRAND_USERNAME;
    this.brand =
      this.store.findUserByUsername(brandUsername) ??
      this.store.createUser({
        username: brandUsername,
        name: 'Vigie Telecom',
        kind: 'brand',
        verified: true,
      });
    this.generator = new TrafficGenerator({ seed, mode, brandUsername: this.brand.username });
    this.threads.clear();
    this.brandPostIds.clear();
    const ratePerSecond = options.ratePerSecond ?? DEFAULT_RATES[mode];
    const count = options.count ?? (mode === 'fast' ? 1000 : undefined);
    this.current = { mode, seed, ratePerSecond, emitted: 0, count, isRunning: true };
    const meanIntervalMs = 1000 / ratePerSecond;
    let nextDueMs = Date.now();
    const tick = () => {
      const now = Date.now();
      // A bounded batch per tick, so a rate above what the machine can do never starves the event loop.
      let budget = 500;
      while (nextDueMs <= now && this.current.isRunning && budget-- > 0) {
        const generated = this.generator?.next();
        if (!generated) return;
        this.apply(generated.event);
        this.current.emitted += 1;
        if (this.current.count !== undefined && this.current.emitted >= this.current.count) {
          this.stop();
          return;
        }
        nextDueMs += scenarioGapMs({ generated, mode, meanIntervalMs, nowMs: this.store.clock.now() });
      }
      this.timer = setTimeout(tick, Math.max(1, nextDueMs - Date.now()));
    };
    this.timer = setTimeout(tick, 0);
    return this.status();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.current = { ...this.current, isRunning: false };
  }

  status(): ScenarioStatus {
    return { ...this.current };
  }

  /** Writes one traffic event into the store (also used by tests to replay a generator). */
  apply(event: TrafficEvent): void {
    const brand = this.brand;
    if (!brand) return;
    const author = this.ensureUser(event.author);
    switch (event.kind) {
      case 'mention':
      case 'spam': {
        const post = this.store.createPost({
          authorId: author.id,
          text: event.text,
          lang: event.lang,
          origin: 'scenario',
        });
        if (event.kind === 'mention' && event.storyId !== undefined)
          this.threads.set(event.storyId, { rootPostId: post.id, lastPostId: post.id });
        return;
      }
      case 'follow-up': {
        const thread = this.threads.get(event.storyId);
        const root = thread ? this.store.findPost(thread.rootPostId) : undefined;
        const brandReply = root ? this.latestBrandReplyByConversation.get(root.conversationId) : undefined;
        const target = brandReply ?? thread?.lastPostId;
        const post = this.store.createPost({
          authorId: author.id,
          text: event.text,
          lang: event.lang,
          inReplyToPostId: target,
          origin: 'scenario',
        });
        if (thread) thread.lastPostId = post.id;
        return;
      }
      case 'dm':
        this.store.createDm({
          senderId: author.id,
          recipientId: brand.id,
          text: event.text,
          origin: 'scenario',
        });
        return;
      case 'retweet': {
        const original = this.store.findPost(this.brandPost(event.brandPostIndex));
        if (!original) return;
        this.store.createPost({
          authorId: author.id,
          text: `RT @${brand.username}: ${original.text}`,
          lang: original.lang,
          retweetedPostId: original.id,
          origin: 'scenario',
        });
        return;
      }
      case 'quote':
        this.store.createPost({
          authorId: author.id,
          text: event.text,
          lang: event.lang,
          quotedPostId: this.brandPost(event.brandPostIndex),
          origin: 'scenario',
        });
        return;
    }
  }

  private ensureUser(member: CastMember): UserRecord {
    return (
      this.store.findUserByUsername(member.username) ??
      this.store.createUser({
        username: member.username,
        name: member.name,
        kind: member.kind,
        lang: member.lang,
        followersCount: member.followersCount,
      })
    );
  }

  /** The brand's promotional posts are created on first use, back-dated by a few hours. */
  private brandPost(index: number): string {
    const existing = this.brandPostIds.get(index);
    if (existing) return existing;
    const brand = this.brand;
    const definition = this.generator?.brandPosts[index];
    if (!brand || !definition) return '';
    const post = this.store.createPost({
      authorId: brand.id,
      text: definition.text,
      lang: definition.lang,
      createdAtMs: this.store.clock.now() - (index + 1) * 3 * 3600_000,
      origin: 'scenario',
    });
    this.brandPostIds.set(index, post.id);
    return post.id;
  }
}
