import { type NabCostMatrix } from './nab-profiles';
import { type NabWindow } from './nab-windows';

/** NAB's default share of rows (capped at 750 rows) that are not scored while a detector learns. */
export const NAB_PROBATION_PERCENT = 0.15;

/**
 * NAB's scaled sigmoid of a position relative to a window: -1 is the window's left edge (≈ +0.987),
 * 0 its right edge (0), positive values lie after the window (towards -1, and exactly -1 from 3 on).
 */
export function nabScaledSigmoid(relativePosition: number): number {
  if (relativePosition >= 3) return -1;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

/** Rows at the start of a file that NAB does not score: min(floor(15% of rows), 15% of 5,000). */
export function nabProbationaryRowCount(rowCount: number, probationPercent = NAB_PROBATION_PERCENT): number {
  return Math.min(Math.floor(probationPercent * rowCount), probationPercent * 5000);
}

export type NabFileScore = {
  /** Sum of true-positive credits, false-positive costs and false-negative costs. */
  readonly rawScore: number;
  /** Raw score of a detector that never fires (every scored window missed). */
  readonly nullScore: number;
  /** Raw score of a detector that fires once at the left edge of every scored window. */
  readonly perfectScore: number;
  readonly windowCount: number;
  readonly detectedWindowCount: number;
  /** Detections outside every window, after probation. */
  readonly falsePositiveCount: number;
};

/**
 * Scores binary detections of one file as NAB does for a given threshold.
 *
 * Each row gets a weight: inside a window, `tp × sigmoid(position) / sigmoid(-1)` (so the left edge is
 * worth exactly `tp`); outside, `fp × sigmoid(distance after the previous window / (its width - 1))`,
 * or `-fp` before the first window. A window earns the best (first) detection's weight or `-fn` if it
 * has none; every detection outside windows adds its (negative) weight. Rows of the probationary
 * period are ignored, and a window lying wholly inside it is not counted.
 */
export function scoreNabFile(params: {
  detections: readonly boolean[];
  windows: readonly NabWindow[];
  costMatrix: NabCostMatrix;
  probationPercent?: number;
}): NabFileScore {
  const { detections, windows, costMatrix, probationPercent = NAB_PROBATION_PERCENT } = params;
  const rowCount = detections.length;
  const probationRows = nabProbationaryRowCount(rowCount, probationPercent);
  const maximumTruePositive = nabScaledSigmoid(-1);
  const sortedWindows = [...windows].sort((left, right) => left.startIndex - right.startIndex);

  let falsePositiveTotal = 0;
  let falsePositiveCount = 0;
  let windowCount = 0;
  let detectedWindowCount = 0;
  let windowTotal = 0;
  let previousWindow: NabWindow | null = null;
  let rowIndex = 0;

  for (const window of sortedWindows) {
    for (; rowIndex < Math.min(window.startIndex, rowCount); rowIndex += 1) {
      if (rowIndex < probationRows || !detections[rowIndex]) continue;
      falsePositiveTotal += falsePositiveWeight({ rowIndex, previousWindow, costMatrix });
      falsePositiveCount += 1;
    }
    const width = window.endIndex - window.startIndex + 1;
    const lastRow = Math.min(window.endIndex, rowCount - 1);
    // NAB only counts a window if at least one of its rows is past probation.
    if (lastRow >= probationRows) {
      windowCount += 1;
      let credit: number | null = null;
      for (let row = Math.max(window.startIndex, probationRows); row <= lastRow; row += 1) {
        if (!detections[row]) continue;
        const position = -(window.endIndex - row + 1) / width;
        credit = (nabScaledSigmoid(position) * costMatrix.truePositiveWeight) / maximumTruePositive;
        break;
      }
      if (credit === null) windowTotal -= costMatrix.falseNegativeWeight;
      else {
        windowTotal += credit;
        detectedWindowCount += 1;
      }
    }
    rowIndex = Math.max(rowIndex, window.endIndex + 1);
    previousWindow = window;
  }
  for (; rowIndex < rowCount; rowIndex += 1) {
    if (rowIndex < probationRows || !detections[rowIndex]) continue;
    falsePositiveTotal += falsePositiveWeight({ rowIndex, previousWindow, costMatrix });
    falsePositiveCount += 1;
  }

  return {
    rawScore: windowTotal + falsePositiveTotal,
    nullScore: -costMatrix.falseNegativeWeight * windowCount,
    perfectScore: costMatrix.truePositiveWeight * windowCount,
    windowCount,
    detectedWindowCount,
    falsePositiveCount,
  };
}

function falsePositiveWeight(params: {
  rowIndex: number;
  previousWindow: NabWindow | null;
  costMatrix: NabCostMatrix;
}): number {
  const { rowIndex, previousWindow, costMatrix } = params;
  if (previousWindow === null) return nabScaledSigmoid(3) * costMatrix.falsePositiveWeight;
  const previousWidth = previousWindow.endIndex - previousWindow.startIndex + 1;
  // NAB divides by (width - 1); a one-row window would divide by zero, so treat it as far away.
  const position = previousWidth > 1 ? Math.abs(previousWindow.endIndex - rowIndex) / (previousWidth - 1) : 3;
  return nabScaledSigmoid(position) * costMatrix.falsePositiveWeight;
}

/**
 * NAB's normalised score: 0 for a detector that never fires, 100 for a perfect one. Over a corpus,
 * pass the sums of the files' raw, null and perfect scores (NAB normalises the corpus total, not
 * each file).
 */
export function normaliseNabScore(params: {
  rawScore: number;
  nullScore: number;
  perfectScore: number;
}): number {
  const { rawScore, nullScore, perfectScore } = params;
  if (perfectScore === nullScore) return 0;
  return (100 * (rawScore - nullScore)) / (perfectScore - nullScore);
}
