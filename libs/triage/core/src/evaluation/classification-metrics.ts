/** Accuracy, per-class precision/recall/F1, macro-F1 and confusion matrices for the triage bench. */

export type ClassMetrics = {
  readonly label: string;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
};

export type ClassificationReport = {
  readonly count: number;
  readonly accuracy: number;
  /** Mean F1 over the labels present in the gold data (labels never seen in gold are left out). */
  readonly macroF1: number;
  readonly perClass: readonly ClassMetrics[];
  /** `confusion[gold][predicted]` counts, over `labels`. */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly labels: readonly string[];
};

/**
 * Score predictions against gold labels. `labels` fixes the row/column order; predicted labels outside
 * it (e.g. a language `other`) count as errors and get their own column.
 */
export function classificationReport<Label extends string>(params: {
  gold: readonly Label[];
  predicted: readonly string[];
  labels: readonly Label[];
}): ClassificationReport {
  const { gold, predicted } = params;
  const labels: string[] = [...params.labels];
  for (const label of predicted) if (!labels.includes(label)) labels.push(label);
  const confusion: Record<string, Record<string, number>> = {};
  for (const row of labels) confusion[row] = Object.fromEntries(labels.map((column) => [column, 0]));
  let correct = 0;
  gold.forEach((goldLabel, index) => {
    const predictedLabel = predicted[index] ?? '';
    const row = confusion[goldLabel];
    if (row !== undefined) row[predictedLabel] = (row[predictedLabel] ?? 0) + 1;
    if (goldLabel === predictedLabel) correct += 1;
  });
  const perClass = labels.map((label): ClassMetrics => {
    const truePositives = confusion[label]?.[label] ?? 0;
    const support = labels.reduce((sum, column) => sum + (confusion[label]?.[column] ?? 0), 0);
    const predictedCount = labels.reduce((sum, row) => sum + (confusion[row]?.[label] ?? 0), 0);
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, support, precision, recall, f1 };
  });
  const present = perClass.filter((metrics) => metrics.support > 0);
  const macroF1 =
    present.length === 0 ? 0 : present.reduce((sum, metrics) => sum + metrics.f1, 0) / present.length;
  return {
    count: gold.length,
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    macroF1,
    perClass,
    confusion,
    labels,
  };
}
