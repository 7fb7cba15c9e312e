/**
 * A step of the pipeline, made when it reaches the head of the line with room to run (so a batch still
 * gathering messages keeps growing until then). `keys` are what must not run twice at once (the threads a
 * batch writes); `null` runs alone. `run` may overlap other steps; `settle` runs strictly in submission order,
 * after every earlier step has settled, with what `run` threw (`undefined` when it succeeded).
 */
export type PipelineStep = {
  keys: ReadonlySet<string> | null;
  run: () => Promise<void>;
  settle: (failure: unknown) => Promise<void>;
};

type Entry = {
  make: () => PipelineStep;
  step: PipelineStep | null;
  resolve: () => void;
  reject: (error: unknown) => void;
};

/** No failure: distinct from anything `run` could throw (even `undefined`). */
const succeeded: unique symbol = Symbol('succeeded');

/**
 * Runs the stream's recording batches with up to `limit` transactions in flight (docs/adr/0018): while one waits
 * on the database, the next is threaded and written. Steps start in submission order, and a step whose keys
 * meet a running step's waits for it, so the messages of a thread are still recorded in arrival order. The
 * `settle` steps (the cursor's advance) run one at a time in submission order: the cursor never passes a batch
 * that is not committed, whatever order the transactions commit in.
 */
export class OrderedPipeline {
  private readonly waiting: Entry[] = [];
  private readonly running = new Set<PipelineStep>();
  /** The last `settle` queued: the next one waits for it. */
  private settled: Promise<void> = Promise.resolve();
  /** Resolves once every step pushed so far has settled. */
  private tail: Promise<void> = Promise.resolve();
  private isPumping = false;

  constructor(private readonly limit: number) {
    if (limit < 1) throw new Error('A pipeline needs room for at least one step');
  }

  /** Queues a step; resolves when it has settled (rejects when `settle` throws). */
  push(make: () => PipelineStep): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.waiting.push({ make, step: null, resolve, reject });
    });
    this.tail = this.tail.then(() => done.catch(() => undefined));
    this.pump();
    return done;
  }

  /** Resolves once every step queued so far has settled. */
  drain(): Promise<void> {
    return this.tail;
  }

  private pump(): void {
    // A step's `make` may push the next step: that push only queues it, this loop considers it.
    if (this.isPumping) return;
    this.isPumping = true;
    try {
      while (this.running.size < this.limit) {
        const head = this.waiting[0];
        if (!head) return;
        head.step ??= head.make();
        const step = head.step;
        for (const other of this.running) if (overlaps(other.keys, step.keys)) return;
        this.waiting.shift();
        this.start(head, step);
      }
    } finally {
      this.isPumping = false;
    }
  }

  private start(entry: Entry, step: PipelineStep): void {
    this.running.add(step);
    const ran = runOnce(step).then((failure) => {
      this.running.delete(step);
      this.pump();
      return failure;
    });
    const settled = Promise.all([this.settled, ran]).then(([, failure]) =>
      step.settle(failure === succeeded ? undefined : failure),
    );
    this.settled = settled.catch(() => undefined);
    settled.then(entry.resolve, entry.reject);
  }
}

async function runOnce(step: PipelineStep): Promise<unknown> {
  try {
    await step.run();
    return succeeded;
  } catch (error) {
    return error ?? new Error('Pipeline step failed');
  }
}

function overlaps(left: ReadonlySet<string> | null, right: ReadonlySet<string> | null): boolean {
  if (left === null || right === null) return true;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  for (const key of small) if (large.has(key)) return true;
  return false;
}
