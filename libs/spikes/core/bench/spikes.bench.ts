/**
 * Spike detector bench.
 *
 *   npm run bench:spikes -- --data <dir> --labels <labels.json> --out <dir>
 *   npm run bench:spikes -- --synthetic --out <dir> [--seed 7] [--weeks 4]
 *
 * The first form replays every `timestamp,value` CSV of a folder through one detector per file, writes
 * `<out>/<file>.csv` with `timestamp,value,anomaly_score,alert` (alert = 1 on the bucket where an alert
 * starts) and prints NAB scores, windows hit, false alerts per week and onset delays. The second form
 * generates the seeded synthetic outage suite and prints detection rate, delay and false alerts.
 */
// The bench is a command-line tool: file I/O is its job, unlike the pure code under src/.
// eslint-disable-next-line no-restricted-imports
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_SPIKE_PARAMETERS,
  NAB_PROFILE_NAMES,
  NAB_PROFILES,
  SpikeDetector,
  countFalseAlerts,
  evaluateOutageDetection,
  generateOutageSuite,
  nabProbationaryRowCount,
  nabWindowIndices,
  nabWindowsFromLabels,
  normaliseNabScore,
  onsetDelays,
  percentile,
  scoreNabFile,
  type NabFileScore,
  type NabProfileName,
  type NabWindow,
  type SpikeAlertPhase,
  type SpikeParameters,
  type SyntheticSeries,
} from '../src/index';

type BenchOptions = {
  readonly dataDirectory: string | null;
  readonly labelsPath: string | null;
  readonly outDirectory: string;
  readonly isSynthetic: boolean;
  readonly seed: number;
  /** Length of each synthetic series: the same 24 outages spread over more weeks are rarer. */
  readonly weeks: number;
  readonly isVerbose: boolean;
  readonly parameters: SpikeParameters;
};

type LabelsFile = { windows?: Record<string, [string, string][]>; labels?: Record<string, string[]> };

type FileReport = {
  readonly name: string;
  readonly rowCount: number;
  readonly scores: Record<NabProfileName, NabFileScore>;
  readonly falseAlertCount: number;
  readonly scoredWeeks: number;
  readonly delaysMinutes: readonly (number | null)[];
  readonly elapsedMs: number;
};

const WEEK_MS = 7 * 86_400_000;

function main(): void {
  const options = parseArguments(process.argv.slice(2));
  mkdirSync(options.outDirectory, { recursive: true });
  if (options.isSynthetic) runSynthetic(options);
  else runFolder(options);
}

function parseArguments(argumentsList: readonly string[]): BenchOptions {
  let dataDirectory: string | null = null;
  let labelsPath: string | null = null;
  let outDirectory: string | null = null;
  let isSynthetic = false;
  let isVerbose = false;
  let seed = 7;
  let weeks = 4;
  const overrides: Record<string, number | number[]> = {};
  for (let index = 0; index < argumentsList.length; index += 1) {
    const flag = argumentsList[index];
    const value = (): string => {
      const next = argumentsList[index + 1];
      if (next === undefined) fail(`${flag} needs a value`);
      index += 1;
      return next;
    };
    if (flag === '--data') dataDirectory = value();
    else if (flag === '--labels') labelsPath = value();
    else if (flag === '--out') outDirectory = value();
    else if (flag === '--synthetic') isSynthetic = true;
    else if (flag === '--verbose') isVerbose = true;
    else if (flag === '--seed') seed = Number(value());
    else if (flag === '--weeks') weeks = Number(value());
    else if (flag === '--set') {
      // Exploration only: overrides one parameter for every series of the run (never per series).
      const [key, raw] = value().split('=');
      if (!(key in DEFAULT_SPIKE_PARAMETERS) || raw === undefined) fail(`unknown parameter in --set ${key}`);
      overrides[key] = raw.includes(',') ? raw.split(',').map(Number) : Number(raw);
    } else if (flag !== '--') fail(`unknown argument ${flag}`);
  }
  if (outDirectory === null) fail('--out <dir> is required');
  if (!Number.isInteger(weeks) || weeks < 2) fail('--weeks must be an integer of at least 2');
  if (!isSynthetic && dataDirectory === null) fail('--data <dir> is required (or use --synthetic)');
  const parameters = { ...DEFAULT_SPIKE_PARAMETERS, ...overrides } as SpikeParameters;
  return { dataDirectory, labelsPath, outDirectory, isSynthetic, seed, weeks, isVerbose, parameters };
}

function fail(message: string): never {
  process.stderr.write(`bench:spikes: ${message}\n`);
  process.exit(2);
}

/** NAB timestamps are naive UTC (`2015-03-03 04:37:53[.000000]`); ISO strings with a zone also work. */
function parseTimestamp(text: string): number {
  const trimmed = text.trim();
  const isoLike = trimmed.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  const hasZone = /[zZ]|[+-]\d\d:?\d\d$/.test(isoLike.slice(10));
  const instantMs = Date.parse(hasZone ? isoLike : `${isoLike}Z`);
  if (Number.isNaN(instantMs)) throw new Error(`Unreadable timestamp: ${text}`);
  return instantMs;
}

function readSeries(filePath: string): { timestamps: string[]; timestampsMs: number[]; values: number[] } {
  const lines = readFileSync(filePath, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0);
  const timestamps: string[] = [];
  const timestampsMs: number[] = [];
  const values: number[] = [];
  for (const line of lines.slice(1)) {
    const [timestamp, value] = line.split(',');
    timestamps.push(timestamp);
    timestampsMs.push(parseTimestamp(timestamp));
    values.push(Number(value));
  }
  return { timestamps, timestampsMs, values };
}

/** The most common step between rows: robust to a few gaps or duplicated rows. */
function inferBucketSeconds(timestampsMs: readonly number[]): number {
  const steps = new Map<number, number>();
  for (let index = 1; index < Math.min(timestampsMs.length, 2000); index += 1) {
    const step = timestampsMs[index] - timestampsMs[index - 1];
    if (step > 0) steps.set(step, (steps.get(step) ?? 0) + 1);
  }
  let best = 60_000;
  let bestCount = -1;
  for (const [step, count] of steps) {
    if (count > bestCount) [best, bestCount] = [step, count];
  }
  return best / 1000;
}

function runDetector(params: {
  timestampsMs: readonly number[];
  values: readonly number[];
  bucketSeconds: number;
  parameters: SpikeParameters;
}): {
  scores: number[];
  phases: SpikeAlertPhase[];
} {
  const detector = SpikeDetector.create({
    setup: { bucketSeconds: params.bucketSeconds, timeZone: 'UTC' },
    parameters: params.parameters,
  });
  const scores: number[] = [];
  const phases: SpikeAlertPhase[] = [];
  params.timestampsMs.forEach((bucketStartMs, index) => {
    const result = detector.observe({ bucketStartMs, count: params.values[index] });
    scores.push(result.anomalyScore);
    phases.push(result.alertPhase);
  });
  return { scores, phases };
}

function labelsByFileName(labelsPath: string | null): {
  windows: Map<string, [string, string][]>;
  onsets: Map<string, string[]>;
} {
  const windows = new Map<string, [string, string][]>();
  const onsets = new Map<string, string[]>();
  if (labelsPath === null) return { windows, onsets };
  const parsed = JSON.parse(readFileSync(labelsPath, 'utf8')) as LabelsFile;
  // Keys may carry NAB's folder prefix (`realTweets/Twitter_volume_AAPL.csv`): match on the file name.
  for (const [key, value] of Object.entries(parsed.windows ?? {})) windows.set(path.basename(key), value);
  for (const [key, value] of Object.entries(parsed.labels ?? {})) onsets.set(path.basename(key), value);
  return { windows, onsets };
}

function runFolder(options: BenchOptions): void {
  const dataDirectory = options.dataDirectory ?? '';
  const files = readdirSync(dataDirectory)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .sort();
  const labels = labelsByFileName(options.labelsPath);
  const reports: FileReport[] = [];
  files.forEach((name, fileIndex) => {
    process.stderr.write(`[${fileIndex + 1}/${files.length}] ${name} … `);
    const startedMs = performance.now();
    const series = readSeries(path.join(dataDirectory, name));
    const bucketSeconds = inferBucketSeconds(series.timestampsMs);
    const { scores, phases } = runDetector({
      timestampsMs: series.timestampsMs,
      values: series.values,
      bucketSeconds,
      parameters: options.parameters,
    });
    const alertRows = phases.map((phase) => phase === 'started');
    const elapsedMs = performance.now() - startedMs;
    const rows = series.timestamps.map(
      (timestamp, index) =>
        `${timestamp},${series.values[index]},${scores[index].toFixed(6)},${alertRows[index] ? 1 : 0}`,
    );
    writeFileSync(
      path.join(options.outDirectory, name),
      `timestamp,value,anomaly_score,alert\n${rows.join('\n')}\n`,
    );

    const onsetsMs = (labels.onsets.get(name) ?? []).map(parseTimestamp);
    const labelledWindows = labels.windows.get(name);
    const windows: NabWindow[] =
      labelledWindows !== undefined
        ? nabWindowIndices({
            timestampsMs: series.timestampsMs,
            windows: labelledWindows.map(([start, end]) => ({
              startMs: parseTimestamp(start),
              endMs: parseTimestamp(end),
            })),
          })
        : nabWindowsFromLabels({ timestampsMs: series.timestampsMs, labelsMs: onsetsMs });
    const scoresByProfile = Object.fromEntries(
      NAB_PROFILE_NAMES.map((profile) => [
        profile,
        scoreNabFile({ detections: alertRows, windows, costMatrix: NAB_PROFILES[profile] }),
      ]),
    ) as Record<NabProfileName, NabFileScore>;
    const probationRows = nabProbationaryRowCount(series.values.length);
    const scoredFromMs = series.timestampsMs[Math.min(probationRows, series.values.length - 1)] ?? 0;
    const lastMs = series.timestampsMs.at(-1) ?? scoredFromMs;
    const delays = onsetDelays({ timestampsMs: series.timestampsMs, alertRows, windows, onsetsMs });
    reports.push({
      name,
      rowCount: series.values.length,
      scores: scoresByProfile,
      falseAlertCount: countFalseAlerts({ alertRows, windows, fromIndex: probationRows }),
      scoredWeeks: (lastMs - scoredFromMs + bucketSeconds * 1000) / WEEK_MS,
      delaysMinutes: delays.map((delay) => delay.delayMinutes),
      elapsedMs,
    });
    process.stderr.write(`${series.values.length} rows, ${(elapsedMs / 1000).toFixed(1)} s\n`);
    if (options.isVerbose) {
      const alertTimes = series.timestamps.filter((_, index) => alertRows[index]);
      process.stderr.write(
        `  onsets: ${delays.map((delay) => `${new Date(delay.onsetMs).toISOString()}→${delay.delayMinutes ?? 'miss'}`).join('  ')}\n`,
      );
      process.stderr.write(`  alerts: ${alertTimes.join(' | ')}\n`);
    }
  });
  printFolderTable(reports);
}

function formatMinutes(value: number | null): string {
  return value === null ? '-' : `${value.toFixed(0)} min`;
}

function printFolderTable(reports: readonly FileReport[]): void {
  const header = [
    'file',
    'rows',
    'NAB standard',
    'NAB low FP',
    'NAB low FN',
    'windows hit',
    'false alerts',
    'false alerts/week',
    'delay median',
    'delay p90',
  ];
  const lines: string[][] = [];
  const addLine = (name: string, subset: readonly FileReport[]): void => {
    const nab = (profile: NabProfileName): string => {
      const totals = subset.reduce(
        (sum, report) => ({
          rawScore: sum.rawScore + report.scores[profile].rawScore,
          nullScore: sum.nullScore + report.scores[profile].nullScore,
          perfectScore: sum.perfectScore + report.scores[profile].perfectScore,
        }),
        { rawScore: 0, nullScore: 0, perfectScore: 0 },
      );
      return normaliseNabScore(totals).toFixed(1);
    };
    const windows = subset.reduce((sum, report) => sum + report.scores.standard.windowCount, 0);
    const hit = subset.reduce((sum, report) => sum + report.scores.standard.detectedWindowCount, 0);
    const falseAlerts = subset.reduce((sum, report) => sum + report.falseAlertCount, 0);
    const weeks = subset.reduce((sum, report) => sum + report.scoredWeeks, 0);
    const delays = subset
      .flatMap((report) => report.delaysMinutes)
      .filter((delay): delay is number => delay !== null);
    lines.push([
      name,
      String(subset.reduce((sum, report) => sum + report.rowCount, 0)),
      nab('standard'),
      nab('reward_low_FP_rate'),
      nab('reward_low_FN_rate'),
      `${hit}/${windows}`,
      String(falseAlerts),
      weeks > 0 ? (falseAlerts / weeks).toFixed(2) : '-',
      formatMinutes(percentile(delays, 50)),
      formatMinutes(percentile(delays, 90)),
    ]);
  };
  for (const report of reports) addLine(report.name, [report]);
  if (reports.length > 1) addLine('total', reports);
  printMarkdownTable(header, lines);
  process.stdout.write(
    '\nNAB: normalised so that never firing scores 0 and a perfect detector 100; the total normalises the summed raw scores (as NAB does).\n',
  );
  process.stdout.write(
    'false alerts/week: alerts started outside every window after the probation period, per series. Delays: labelled onset to first alert in its window (negative = early).\n',
  );
}

function printMarkdownTable(header: readonly string[], lines: readonly (readonly string[])[]): void {
  process.stdout.write(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|\n`);
  for (const line of lines) process.stdout.write(`| ${line.join(' | ')} |\n`);
}

function runSynthetic(options: BenchOptions): void {
  process.stderr.write(
    `generating the synthetic outage suite (seed ${options.seed}, ${options.weeks} weeks per series) …\n`,
  );
  const suite = generateOutageSuite({ seed: options.seed, weeks: options.weeks });
  type Outcome = {
    series: SyntheticSeries;
    delayMinutes: number | null;
    increaseRatio: number;
    durationMinutes: number;
    shape: string;
  };
  const outcomes: Outcome[] = [];
  const falseAlertsByVolume = new Map<number, { falseAlerts: number; weeks: number }>();
  suite.forEach((series, seriesIndex) => {
    process.stderr.write(`[${seriesIndex + 1}/${suite.length}] ${series.name} … `);
    const startedMs = performance.now();
    const { scores, phases } = runDetector({
      timestampsMs: series.timestampsMs,
      values: series.counts,
      bucketSeconds: series.bucketSeconds,
      parameters: options.parameters,
    });
    const evaluation = evaluateOutageDetection({ series, alertPhases: phases });
    for (const outcome of evaluation.outcomes)
      outcomes.push({ series, delayMinutes: outcome.delayMinutes, ...outcome.outage });
    const volume = falseAlertsByVolume.get(series.mentionsPerHour) ?? { falseAlerts: 0, weeks: 0 };
    falseAlertsByVolume.set(series.mentionsPerHour, {
      falseAlerts: volume.falseAlerts + evaluation.falseAlertCount,
      weeks: volume.weeks + evaluation.scoredWeeks,
    });
    const rows = series.timestampsMs.map(
      (timestampMs, index) =>
        `${new Date(timestampMs).toISOString()},${series.counts[index]},${scores[index].toFixed(6)},${phases[index] === 'started' ? 1 : 0}`,
    );
    writeFileSync(
      path.join(options.outDirectory, `${series.name}.csv`),
      `timestamp,value,anomaly_score,alert\n${rows.join('\n')}\n`,
    );
    const detected = evaluation.outcomes.filter((outcome) => outcome.delayMinutes !== null).length;
    process.stderr.write(
      `${detected}/${evaluation.outcomes.length} outages, ${evaluation.falseAlertCount} false alerts, ${((performance.now() - startedMs) / 1000).toFixed(1)} s\n`,
    );
  });

  const summarise = (label: string, subset: readonly Outcome[]): string[] => {
    const delays = subset
      .map((outcome) => outcome.delayMinutes)
      .filter((delay): delay is number => delay !== null);
    return [
      label,
      `${delays.length}/${subset.length}`,
      `${((100 * delays.length) / Math.max(1, subset.length)).toFixed(0)}%`,
      formatMinutes(percentile(delays, 50)),
      formatMinutes(percentile(delays, 90)),
    ];
  };
  const header = ['group', 'detected', 'rate', 'delay median', 'delay p90'];
  process.stdout.write('\nBy volume (mentions per hour), with false alerts per week per series:\n');
  printMarkdownTable(
    [...header, 'false alerts/week'],
    [...falseAlertsByVolume.entries()].map(([volume, falseAlerts]) => [
      ...summarise(
        `${volume}/h`,
        outcomes.filter((outcome) => outcome.series.mentionsPerHour === volume),
      ),
      (falseAlerts.falseAlerts / falseAlerts.weeks).toFixed(2),
    ]),
  );
  process.stdout.write('\nBy increase:\n');
  printMarkdownTable(
    header,
    [...new Set(outcomes.map((outcome) => outcome.increaseRatio))].map((ratio) =>
      summarise(
        `+${ratio * 100}%`,
        outcomes.filter((outcome) => outcome.increaseRatio === ratio),
      ),
    ),
  );
  process.stdout.write('\nBy duration and shape:\n');
  const durationShapes = [
    ...new Set(outcomes.map((outcome) => `${outcome.durationMinutes}|${outcome.shape}`)),
  ];
  printMarkdownTable(
    header,
    durationShapes.map((key) => {
      const [duration, shape] = key.split('|');
      return summarise(
        `${duration} min ${shape}`,
        outcomes.filter((outcome) => `${outcome.durationMinutes}|${outcome.shape}` === key),
      );
    }),
  );
  process.stdout.write('\nVolume × increase (detection rate, all durations and shapes):\n');
  const ratios = [...new Set(outcomes.map((outcome) => outcome.increaseRatio))];
  printMarkdownTable(
    ['volume', ...ratios.map((ratio) => `+${ratio * 100}%`)],
    [...falseAlertsByVolume.keys()].map((volume) => [
      `${volume}/h`,
      ...ratios.map(
        (ratio) =>
          summarise(
            '',
            outcomes.filter(
              (outcome) => outcome.series.mentionsPerHour === volume && outcome.increaseRatio === ratio,
            ),
          )[1],
      ),
    ]),
  );
  const totalFalse = [...falseAlertsByVolume.values()].reduce(
    (sum, entry) => ({ falseAlerts: sum.falseAlerts + entry.falseAlerts, weeks: sum.weeks + entry.weeks }),
    { falseAlerts: 0, weeks: 0 },
  );
  process.stdout.write('\nTotal:\n');
  printMarkdownTable(
    [...header, 'false alerts/week'],
    [[...summarise('all', outcomes), (totalFalse.falseAlerts / totalFalse.weeks).toFixed(2)]],
  );
}

main();
