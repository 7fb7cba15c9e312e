import { countFalseAlerts, onsetDelays, percentile } from './alert-metrics';

const MINUTE_MS = 60_000;
// 100 five-minute rows; one window over rows 40..60.
const timestampsMs = Array.from({ length: 100 }, (_, row) => row * 5 * MINUTE_MS);
const window = { startIndex: 40, endIndex: 60 };
const alertsAt = (rows: readonly number[]): boolean[] => timestampsMs.map((_, row) => rows.includes(row));

describe('onsetDelays', () => {
  it.each([
    ['after the onset', [55], 25],
    ['before the onset, inside the window', [42], -40],
    ['at the onset', [50], 0],
  ])(
    'measures the delay of an alert %s from the first alert in the window',
    (_label, rows, expectedMinutes) => {
      const [delay] = onsetDelays({
        timestampsMs,
        alertRows: alertsAt([...rows, 58]),
        windows: [window],
        onsetsMs: [timestampsMs[50]],
      });
      expect(delay.delayMinutes).toBe(expectedMinutes);
    },
  );

  it('reports a miss when no alert falls inside the window', () => {
    const [delay] = onsetDelays({
      timestampsMs,
      alertRows: alertsAt([10, 70]),
      windows: [window],
      onsetsMs: [timestampsMs[50]],
    });
    expect(delay.delayMinutes).toBeNull();
  });

  it('splits a merged window between its onsets so one alert is never credited twice', () => {
    const delays = onsetDelays({
      timestampsMs,
      alertRows: alertsAt([47]),
      windows: [window],
      onsetsMs: [timestampsMs[56], timestampsMs[44]],
    });
    // Sorted by onset: row 44 owns rows 40..50, row 56 owns rows 51..60.
    expect(delays.map((delay) => delay.delayMinutes)).toEqual([15, null]);
  });
});

describe('countFalseAlerts', () => {
  it('counts alerts outside every window from the given row on', () => {
    expect(
      countFalseAlerts({ alertRows: alertsAt([5, 20, 45, 61, 99]), windows: [window], fromIndex: 15 }),
    ).toBe(3);
  });
});

describe('percentile', () => {
  it.each([
    [50, 3],
    [90, 5],
    [0, 1],
    [100, 5],
  ])('gives the nearest-rank %p percentile', (percent, expected) => {
    expect(percentile([5, 1, 4, 2, 3], percent)).toBe(expected);
  });

  it('is null for an empty list', () => {
    expect(percentile([], 50)).toBeNull();
  });
});
