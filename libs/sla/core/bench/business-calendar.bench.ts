// Business-calendar benchmark: compiled epoch intervals vs a day-by-day luxon walk, same inputs.
// Run with `npm run bench:sla`. Inputs are seeded, so two runs time the same work.
import { performance } from 'node:perf_hooks';
import { BusinessCalendar } from '../src/index';
import { parisOfficeSpec } from '../src/testing/calendar.fixture';
import { ReferenceWalk } from '../src/testing/reference-walk.helper';

const HOUR_MS = 3_600_000;
const TARGET_MS = HOUR_MS; // a 1-hour first-response target
const RANGE_FROM_MS = Date.parse('2025-01-01T00:00:00Z');
const RANGE_TO_MS = Date.parse('2027-01-01T00:00:00Z'); // two years: DST days, every holiday kind
const SAMPLE_SIZE = 100_000; // distinct random inputs
const FAST_OPERATIONS = 2_000_000;
const WALK_OPERATIONS = 5_000;
const CHECKED_SAMPLE = 5_000; // results compared between the two implementations
const MIN_FAST_OPS_PER_SECOND = 1_000_000;
const MIN_SPEEDUP = 50;

/** mulberry32: tiny, seeded, good enough to scatter instants. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Operation = 'addBusinessTime' | 'businessTimeBetween';
type Implementation = {
  addBusinessTime(from: Date, ms: number): Date;
  businessTimeBetween(from: Date, to: Date): number;
};
type Measurement = { operation: Operation; implementation: string; operations: number; seconds: number };

const random = seededRandom(20_250_601);
const starts = Array.from(
  { length: SAMPLE_SIZE },
  () => new Date(RANGE_FROM_MS + Math.floor(random() * (RANGE_TO_MS - RANGE_FROM_MS))),
);
// businessTimeBetween measures the elapsed business time of a conversation open up to two days.
const ends = starts.map((start) => new Date(start.getTime() + Math.floor(random() * 48 * HOUR_MS)));

function run(operation: Operation, calendar: Implementation, index: number): number {
  const slot = index % SAMPLE_SIZE;
  return operation === 'addBusinessTime'
    ? calendar.addBusinessTime(starts[slot], TARGET_MS).getTime()
    : calendar.businessTimeBetween(starts[slot], ends[slot]);
}

function measure(params: {
  operation: Operation;
  implementation: string;
  calendar: Implementation;
  operations: number;
  progressEvery?: number;
}): Measurement {
  const { operation, implementation, calendar, operations, progressEvery } = params;
  let checksum = 0; // consumed below so the work cannot be optimised away
  const startedAt = performance.now();
  for (let index = 0; index < operations; index += 1) {
    checksum += run(operation, calendar, index);
    if (progressEvery !== undefined && (index + 1) % progressEvery === 0) {
      const elapsedSeconds = (performance.now() - startedAt) / 1000;
      process.stdout.write(
        `  … ${implementation} ${operation}: ${index + 1}/${operations} in ${elapsedSeconds.toFixed(1)} s\n`,
      );
    }
  }
  const seconds = (performance.now() - startedAt) / 1000;
  if (Number.isNaN(checksum)) throw new Error('unexpected NaN checksum');
  return { operation, implementation, operations, seconds };
}

function checkSameResults(fast: Implementation, walk: Implementation): void {
  process.stdout.write(`Checking ${CHECKED_SAMPLE} inputs per operation give identical results…\n`);
  for (const operation of ['addBusinessTime', 'businessTimeBetween'] as const) {
    for (let index = 0; index < CHECKED_SAMPLE; index += 1) {
      const fastResult = run(operation, fast, index);
      const walkResult = run(operation, walk, index);
      if (fastResult !== walkResult) {
        throw new Error(
          `MISMATCH in ${operation} for start ${starts[index].toISOString()}: compiled ${fastResult}, luxon walk ${walkResult}`,
        );
      }
    }
  }
  process.stdout.write('  results identical.\n');
}

function main(): void {
  const compiled = new BusinessCalendar(parisOfficeSpec);
  const walk = new ReferenceWalk(parisOfficeSpec);
  process.stdout.write(
    `Business calendar bench: Mon-Fri 09:00-12:00/14:00-19:00 Europe/Paris, French holidays; ` +
      `${SAMPLE_SIZE} seeded instants in 2025-2026; Node ${process.version}\n`,
  );
  checkSameResults(compiled, walk); // also compiles the two years: the timed loops measure steady state

  const measurements: Measurement[] = [];
  for (const operation of ['addBusinessTime', 'businessTimeBetween'] as const) {
    process.stdout.write(`Timing ${operation}…\n`);
    measure({ operation, implementation: 'compiled', calendar: compiled, operations: FAST_OPERATIONS / 10 }); // warm-up
    measurements.push(
      measure({
        operation,
        implementation: 'compiled',
        calendar: compiled,
        operations: FAST_OPERATIONS,
        progressEvery: FAST_OPERATIONS / 2,
      }),
      measure({
        operation,
        implementation: 'luxon walk',
        calendar: walk,
        operations: WALK_OPERATIONS,
        progressEvery: WALK_OPERATIONS / 5,
      }),
    );
  }

  const opsPerSecond = ({ operations, seconds }: Measurement) => operations / seconds;
  const rows = measurements.map((measurement) => {
    const walkMeasurement = measurements.find(
      (other) => other.operation === measurement.operation && other.implementation === 'luxon walk',
    );
    const speedup = walkMeasurement ? opsPerSecond(measurement) / opsPerSecond(walkMeasurement) : 1;
    return {
      operation: measurement.operation,
      implementation: measurement.implementation,
      operations: measurement.operations.toLocaleString('en-US'),
      seconds: measurement.seconds.toFixed(2),
      'ops/s': Math.round(opsPerSecond(measurement)).toLocaleString('en-US'),
      'µs/op': ((measurement.seconds * 1e6) / measurement.operations).toFixed(3),
      speedup: `${speedup.toFixed(0)}x`,
    };
  });
  console.table(rows);

  let isOnTarget = true;
  for (const measurement of measurements.filter(({ implementation }) => implementation === 'compiled')) {
    const walkMeasurement = measurements.find(
      (other) => other.operation === measurement.operation && other !== measurement,
    );
    const speedup = walkMeasurement ? opsPerSecond(measurement) / opsPerSecond(walkMeasurement) : 0;
    const isMet = opsPerSecond(measurement) >= MIN_FAST_OPS_PER_SECOND && speedup >= MIN_SPEEDUP;
    isOnTarget &&= isMet;
    process.stdout.write(
      `${measurement.operation}: ${isMet ? 'target met' : 'TARGET MISSED'} ` +
        `(>= ${MIN_FAST_OPS_PER_SECOND.toLocaleString('en-US')} ops/s and >= ${MIN_SPEEDUP}x the walk)\n`,
    );
  }
  if (!isOnTarget) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
