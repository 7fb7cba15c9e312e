import { NAB_PROFILES } from './nab-profiles';
import { nabProbationaryRowCount, nabScaledSigmoid, normaliseNabScore, scoreNabFile } from './nab-scorer';
import { nabWindowIndices, nabWindowsFromLabels } from './nab-windows';

const detectionsAt = (rowCount: number, rows: readonly number[]): boolean[] =>
  Array.from({ length: rowCount }, (_, row) => rows.includes(row));

describe('nabScaledSigmoid', () => {
  it.each([
    [-1, 0.986614],
    [-0.5, 0.848284],
    [0, 0],
    [1, -0.986614],
    [3, -1],
    [10, -1],
  ])('maps relative position %p to %p', (position, expected) => {
    expect(nabScaledSigmoid(position)).toBeCloseTo(expected, 5);
  });
});

describe('nabProbationaryRowCount', () => {
  it.each([
    [100, 15],
    [4000, 600],
    [15902, 750],
  ])('keeps min(15%% of %p rows, 750) rows out of scoring: %p', (rowCount, expected) => {
    expect(nabProbationaryRowCount(rowCount)).toBe(expected);
  });
});

describe('scoreNabFile', () => {
  // 100 rows: probation is rows 0..14; one window of 11 rows, 40..50.
  const window = { startIndex: 40, endIndex: 50 };

  it('credits a detection at the left edge of a window with exactly the true-positive weight', () => {
    const score = scoreNabFile({
      detections: detectionsAt(100, [40]),
      windows: [window],
      costMatrix: NAB_PROFILES.standard,
    });
    expect(score.rawScore).toBeCloseTo(1, 10);
    expect(score.detectedWindowCount).toBe(1);
  });

  it('credits only the first detection of a window, scaled by its position', () => {
    // Row 45: position -(50 - 45 + 1) / 11 = -6/11; credit = sigmoid(-6/11) / sigmoid(-1).
    const expected = (2 / (1 + Math.exp((5 * -6) / 11)) - 1) / (2 / (1 + Math.exp(-5)) - 1);
    const score = scoreNabFile({
      detections: detectionsAt(100, [45, 46, 50]),
      windows: [window],
      costMatrix: NAB_PROFILES.standard,
    });
    expect(score.rawScore).toBeCloseTo(expected, 10);
    expect(expected).toBeCloseTo(0.8891, 3);
  });

  it('charges a missed window the false-negative weight of the profile', () => {
    expect(
      scoreNabFile({
        detections: detectionsAt(100, []),
        windows: [window],
        costMatrix: NAB_PROFILES.standard,
      }).rawScore,
    ).toBe(-1);
    expect(
      scoreNabFile({
        detections: detectionsAt(100, []),
        windows: [window],
        costMatrix: NAB_PROFILES.reward_low_FN_rate,
      }).rawScore,
    ).toBe(-2);
  });

  it('charges a false positive before any window the full false-positive weight', () => {
    const score = scoreNabFile({
      detections: detectionsAt(100, [20, 40]),
      windows: [window],
      costMatrix: NAB_PROFILES.reward_low_FP_rate,
    });
    expect(score.rawScore).toBeCloseTo(1 - 0.22, 10);
    expect(score.falsePositiveCount).toBe(1);
  });

  it('charges less for a false positive just after a window than far after it', () => {
    // Row 55: distance 5 / (11 - 1) = 0.5 → 0.11 × sigmoid(0.5) = 0.11 × -0.848284.
    const near = scoreNabFile({
      detections: detectionsAt(100, [40, 55]),
      windows: [window],
      costMatrix: NAB_PROFILES.standard,
    });
    expect(near.rawScore).toBeCloseTo(1 + 0.11 * -0.848284, 5);
    const far = scoreNabFile({
      detections: detectionsAt(100, [40, 90]),
      windows: [window],
      costMatrix: NAB_PROFILES.standard,
    });
    expect(far.rawScore).toBeCloseTo(1 - 0.11, 10);
  });

  it('ignores detections during probation and windows wholly inside it', () => {
    const score = scoreNabFile({
      detections: detectionsAt(100, [3, 8]),
      windows: [{ startIndex: 2, endIndex: 6 }, window],
      costMatrix: NAB_PROFILES.standard,
    });
    expect(score.windowCount).toBe(1);
    expect(score.rawScore).toBe(-1);
    expect(score.falsePositiveCount).toBe(0);
  });

  it('normalises so that never firing scores 0 and a perfect detector 100', () => {
    const windows = [window, { startIndex: 70, endIndex: 80 }];
    const none = scoreNabFile({
      detections: detectionsAt(100, []),
      windows,
      costMatrix: NAB_PROFILES.standard,
    });
    const perfect = scoreNabFile({
      detections: detectionsAt(100, [40, 70]),
      windows,
      costMatrix: NAB_PROFILES.standard,
    });
    const half = scoreNabFile({
      detections: detectionsAt(100, [40]),
      windows,
      costMatrix: NAB_PROFILES.standard,
    });
    expect(normaliseNabScore(none)).toBe(0);
    expect(normaliseNabScore(perfect)).toBeCloseTo(100, 10);
    // raw 1 - 1 = 0 between null -2 and perfect 2.
    expect(normaliseNabScore(half)).toBeCloseTo(50, 10);
  });
});

describe('NAB windows', () => {
  const timestampsMs = Array.from({ length: 1000 }, (_, row) => row * 300_000);

  it('centres a window of 10% of the rows divided by the label count on each label', () => {
    expect(nabWindowsFromLabels({ timestampsMs, labelsMs: [timestampsMs[300], timestampsMs[700]] })).toEqual([
      { startIndex: 275, endIndex: 325 },
      { startIndex: 675, endIndex: 725 },
    ]);
  });

  it('merges overlapping windows and clips them to the file', () => {
    expect(
      nabWindowsFromLabels({
        timestampsMs,
        labelsMs: [timestampsMs[10], timestampsMs[30], timestampsMs[990]],
      }),
    ).toEqual([
      { startIndex: 0, endIndex: 46 },
      { startIndex: 974, endIndex: 999 },
    ]);
  });

  it('maps time windows onto the rows they contain', () => {
    expect(nabWindowIndices({ timestampsMs, windows: [{ startMs: 299_999, endMs: 1_500_000 }] })).toEqual([
      { startIndex: 1, endIndex: 5 },
    ]);
  });
});
