import { DEFAULT_BRAND_ID, startFakeX, type FakeX } from '../fake-x';
import { waitFor } from '../testing/fake-x-test-context';
import { scenarioGapMs } from './scenario-runner';
import { TrafficGenerator } from './traffic-generator';

const OUTAGE_WORDS = /panne|r[ée]seau|plus de connexion|down|outage|no connection/i;

function summary(generator: TrafficGenerator, count: number): string[] {
  return generator
    .take(count)
    .map(
      ({ event }) =>
        `${event.kind}|${event.author.username}|${'text' in event ? event.text : event.brandPostIndex}`,
    );
}

describe('scenario traffic', () => {
  it('produces the same traffic for the same seed, and different traffic for another seed', () => {
    const first = summary(
      new TrafficGenerator({ seed: 7, mode: 'demo', brandUsername: 'VigieTelecom' }),
      200,
    );
    const second = summary(
      new TrafficGenerator({ seed: 7, mode: 'demo', brandUsername: 'VigieTelecom' }),
      200,
    );
    const other = summary(
      new TrafficGenerator({ seed: 8, mode: 'demo', brandUsername: 'VigieTelecom' }),
      200,
    );
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('mixes French and English complaints, questions, praise, spam, retweets, quotes, follow-ups and DMs', () => {
    const events = new TrafficGenerator({ seed: 3, mode: 'demo', brandUsername: 'VigieTelecom' })
      .take(400)
      .map(({ event }) => event);
    const kinds = new Set(events.map((event) => (event.kind === 'mention' ? event.category : event.kind)));
    expect([...kinds].sort()).toEqual(
      ['complaint', 'dm', 'follow-up', 'outage', 'praise', 'question', 'quote', 'retweet', 'spam'].sort(),
    );
    const langs = new Set(events.flatMap((event) => ('lang' in event ? [event.lang] : [])));
    expect([...langs].sort()).toEqual(['en', 'fr']);
    // A follow-up or DM always continues a story an earlier complaint opened.
    const opened = new Set<number>();
    for (const event of events) {
      if (event.kind === 'mention' && event.storyId !== undefined) opened.add(event.storyId);
      if (event.kind === 'follow-up' || event.kind === 'dm') expect(opened.has(event.storyId)).toBe(true);
    }
  });

  it('bursts outage mentions (panne, réseau, plus de connexion, down) right after the start of the outage scenario', () => {
    const generated = new TrafficGenerator({ seed: 11, mode: 'outage', brandUsername: 'VigieTelecom' }).take(
      80,
    );
    const burst = generated.slice(6, 66);
    expect(
      burst.every(
        ({ event }) =>
          event.kind === 'mention' &&
          event.category === 'outage' &&
          OUTAGE_WORDS.test(event.text) &&
          event.text.includes('@VigieTelecom'),
      ),
    ).toBe(true);
    // The burst is paced on its own, not by the rate and the hour: 60 posts over about 5 minutes, day or night.
    expect(generated.map((item) => item.isBurst)).toEqual(
      generated.map((_item, index) => index >= 6 && index < 66),
    );
    for (const nowMs of [Date.UTC(2026, 10, 24, 2), Date.UTC(2026, 10, 24, 19)]) {
      const burstMs = burst.reduce(
        (sum, generated) =>
          sum + scenarioGapMs({ generated, mode: 'outage', meanIntervalMs: 1000 / 0.07, nowMs }),
        0,
      );
      expect(burstMs).toBeGreaterThan(3 * 60_000);
      expect(burstMs).toBeLessThan(7 * 60_000);
    }
    // Around it, the demo's pace, slower at night.
    const normal = generated.slice(66);
    const normalGap = (nowMs: number) =>
      normal.reduce(
        (sum, generated) =>
          sum + scenarioGapMs({ generated, mode: 'outage', meanIntervalMs: 1000 / 0.07, nowMs }),
        0,
      ) / normal.length;
    expect(normalGap(Date.UTC(2026, 10, 24, 2))).toBeGreaterThan(5 * normalGap(Date.UTC(2026, 10, 24, 19)));
  });
});

describe('scenario runner', () => {
  let fakeX: FakeX;

  beforeAll(async () => {
    fakeX = await startFakeX({ log: () => undefined });
  });
  afterAll(() => fakeX.close());

  async function runFast(seed: number): Promise<string[]> {
    fakeX.services.store.reset();
    fakeX.services.seedDefaults();
    fakeX.services.scenario.start({ mode: 'fast', seed, ratePerSecond: 2000, count: 150 });
    await waitFor(() => !fakeX.services.scenario.status().isRunning, 5000);
    return fakeX.store
      .allPostsNewestFirst()
      .reverse()
      .map(
        (post) =>
          `${fakeX.store.findUser(post.authorId)?.username}|${post.text}|${post.inReplyToPostId ? 'reply' : 'root'}`,
      );
  }

  it('emits N brand mentions at the requested rate, identical for the same seed', async () => {
    const first = await runFast(5);
    const second = await runFast(5);
    expect(first).toHaveLength(150);
    expect(second).toEqual(first);
    expect(fakeX.store.mentionsOf(DEFAULT_BRAND_ID)).toHaveLength(150);
    expect(first.some((line) => line.endsWith('|reply'))).toBe(true);
  });
});
