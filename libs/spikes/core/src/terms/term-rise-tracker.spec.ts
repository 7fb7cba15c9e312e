import { TermRiseTracker, DEFAULT_TERM_RISE_PARAMETERS } from './term-rise-tracker';

const MINUTE_MS = 60_000;

function feed(
  tracker: TermRiseTracker,
  fromMinute: number,
  toMinute: number,
  counts: (minute: number) => Record<string, number>,
) {
  let last: ReturnType<TermRiseTracker['observe']> = [];
  for (let minute = fromMinute; minute < toMinute; minute += 1) {
    last = tracker.observe({
      bucketStartMs: minute * MINUTE_MS,
      termCounts: new Map(Object.entries(counts(minute))),
    });
  }
  return last;
}

describe('TermRiseTracker', () => {
  it('reports a term that suddenly rises against its own baseline, not the steady ones', () => {
    const tracker = TermRiseTracker.create({ bucketSeconds: 60 });
    feed(tracker, 0, 240, (minute) => ({ bonjour: 3, merci: 2, panne: minute % 30 === 0 ? 1 : 0 }));
    const rising = feed(tracker, 240, 250, () => ({ bonjour: 3, merci: 2, panne: 12 }));
    expect(rising.map((term) => term.term)).toEqual(['panne']);
    expect(rising[0].increaseRatio).toBeGreaterThan(3);
  });

  it('does not report a frequent term at its usual level', () => {
    const tracker = TermRiseTracker.create({ bucketSeconds: 60 });
    const rising = feed(tracker, 0, 300, () => ({ réseau: 20 }));
    expect(rising).toEqual([]);
  });

  it('reports nothing during warm-up, when every term looks new', () => {
    const tracker = TermRiseTracker.create({ bucketSeconds: 60 });
    expect(feed(tracker, 0, 30, () => ({ coupure: 50 }))).toEqual([]);
  });

  it('keeps at most `capacity` terms in memory', () => {
    const tracker = TermRiseTracker.create({
      bucketSeconds: 60,
      parameters: { ...DEFAULT_TERM_RISE_PARAMETERS, capacity: 50 },
    });
    feed(tracker, 0, 100, (minute) => ({ [`word${minute}`]: 1, [`other${minute}`]: 2, stable: 5 }));
    expect(tracker.trackedTermCount).toBeLessThanOrEqual(50);
  });

  it('gives identical output after its state is serialised to JSON and restored', () => {
    const tracker = TermRiseTracker.create({ bucketSeconds: 60 });
    feed(tracker, 0, 200, () => ({ bug: 1, down: 2 }));
    const restored = TermRiseTracker.restore({ state: JSON.parse(JSON.stringify(tracker.toState())) });
    for (let minute = 200; minute < 220; minute += 1) {
      const termCounts = new Map(Object.entries({ bug: minute > 205 ? 15 : 1, down: 2 }));
      expect(restored.observe({ bucketStartMs: minute * MINUTE_MS, termCounts })).toEqual(
        tracker.observe({ bucketStartMs: minute * MINUTE_MS, termCounts }),
      );
    }
  });
});
