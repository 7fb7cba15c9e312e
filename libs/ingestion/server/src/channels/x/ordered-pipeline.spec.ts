import { OrderedPipeline, type PipelineStep } from './ordered-pipeline';

type Gate = { promise: Promise<void>; open: () => void; fail: (error: Error) => void };

function gate(): Gate {
  let open = () => undefined as void;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Lets every pending promise callback run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A step that records when it starts, ends and settles in `log`, and finishes when its gate opens. */
function step(
  log: string[],
  name: string,
  keys: string[] | null,
  ended: Gate = gate(),
): { make: () => PipelineStep; gate: Gate } {
  return {
    gate: ended,
    make: () => ({
      keys: keys === null ? null : new Set(keys),
      run: async () => {
        log.push(`start ${name}`);
        await ended.promise;
        log.push(`end ${name}`);
      },
      settle: async (failure) => {
        log.push(`settle ${name}${failure === undefined ? '' : ` (failed: ${(failure as Error).message})`}`);
      },
    }),
  };
}

describe('OrderedPipeline', () => {
  it('runs steps on disjoint keys together, up to the limit', async () => {
    const log: string[] = [];
    const pipeline = new OrderedPipeline(2);
    const [a, b, c] = [step(log, 'a', ['t1']), step(log, 'b', ['t2']), step(log, 'c', ['t3'])];
    const done = [a, b, c].map((entry) => pipeline.push(entry.make));
    await flush();
    expect(log).toEqual(['start a', 'start b']);
    a.gate.open();
    await flush();
    expect(log).toEqual(['start a', 'start b', 'end a', 'start c', 'settle a']);
    b.gate.open();
    c.gate.open();
    await Promise.all(done);
    expect(log.filter((line) => line.startsWith('settle'))).toEqual(['settle a', 'settle b', 'settle c']);
  });

  it('holds a step whose thread is being recorded, and every step behind it, so a thread keeps its order', async () => {
    const log: string[] = [];
    const pipeline = new OrderedPipeline(2);
    const [a, b, c] = [step(log, 'a', ['t1', 't2']), step(log, 'b', ['t2']), step(log, 'c', ['t3'])];
    const done = [a, b, c].map((entry) => pipeline.push(entry.make));
    await flush();
    // c shares nothing with a, but starting it before b could put it ahead of b's messages on another thread.
    expect(log).toEqual(['start a']);
    a.gate.open();
    await flush();
    expect(log).toEqual(['start a', 'end a', 'start b', 'start c', 'settle a']);
    b.gate.open();
    c.gate.open();
    await Promise.all(done);
  });

  it('settles in submission order even when a later step finishes first', async () => {
    const log: string[] = [];
    const pipeline = new OrderedPipeline(2);
    const [a, b] = [step(log, 'a', ['t1']), step(log, 'b', ['t2'])];
    const done = [a, b].map((entry) => pipeline.push(entry.make));
    b.gate.open();
    await flush();
    expect(log).toEqual(['start a', 'start b', 'end b']);
    a.gate.open();
    await Promise.all(done);
    expect(log).toEqual(['start a', 'start b', 'end b', 'end a', 'settle a', 'settle b']);
  });

  it('runs a step without keys alone', async () => {
    const log: string[] = [];
    const pipeline = new OrderedPipeline(2);
    const [a, b, c] = [step(log, 'a', ['t1']), step(log, 'b', null), step(log, 'c', ['t2'])];
    const done = [a, b, c].map((entry) => pipeline.push(entry.make));
    await flush();
    expect(log).toEqual(['start a']);
    a.gate.open();
    await flush();
    expect(log).toEqual(['start a', 'end a', 'start b', 'settle a']);
    b.gate.open();
    await flush();
    expect(log.slice(-3)).toEqual(['end b', 'start c', 'settle b']);
    c.gate.open();
    await Promise.all(done);
  });

  it('makes a step only when it can be considered, so a batch can grow while it waits', async () => {
    const pipeline = new OrderedPipeline(1);
    const log: string[] = [];
    const first = step(log, 'first', ['t1']);
    const made: string[] = [];
    void pipeline.push(first.make);
    const second = pipeline.push(() => {
      made.push('second');
      return step(log, 'second', ['t2'], { ...gate(), promise: Promise.resolve() }).make();
    });
    await flush();
    expect(made).toEqual([]);
    first.gate.open();
    await second;
    expect(made).toEqual(['second']);
  });

  it('tells settle what run threw, and carries on with the next steps', async () => {
    const log: string[] = [];
    const pipeline = new OrderedPipeline(2);
    const [a, b] = [step(log, 'a', ['t1']), step(log, 'b', ['t2'])];
    const done = [a, b].map((entry) => pipeline.push(entry.make));
    a.gate.fail(new Error('deadlock'));
    b.gate.open();
    await Promise.all(done);
    expect(log.filter((line) => line.startsWith('settle'))).toEqual([
      'settle a (failed: deadlock)',
      'settle b',
    ]);
  });

  it('drains: resolves once every step queued so far has settled, even one whose settle threw', async () => {
    const pipeline = new OrderedPipeline(2);
    const settled: string[] = [];
    const failing = pipeline.push(() => ({
      keys: null,
      run: async () => undefined,
      settle: async () => {
        throw new Error('cursor write failed');
      },
    }));
    void pipeline.push(() => ({
      keys: null,
      run: async () => undefined,
      settle: async () => {
        settled.push('second');
      },
    }));
    await expect(failing).rejects.toThrow('cursor write failed');
    await pipeline.drain();
    expect(settled).toEqual(['second']);
  });
});

describe('OrderedPipeline, steps that queue more steps', () => {
  it('lets a step’s make push the next step (a batch too large for one transaction)', async () => {
    const pipeline = new OrderedPipeline(2);
    const pending = ['m1', 'm2', 'm3'];
    const recorded: string[][] = [];
    let next: Promise<void> | null = null;
    const flush = (): PipelineStep => {
      const batch = pending.splice(0, 2);
      if (pending.length > 0) next = pipeline.push(flush);
      return {
        keys: new Set(batch),
        run: async () => {
          recorded.push(batch);
        },
        settle: async () => undefined,
      };
    };
    await pipeline.push(flush);
    await next;
    expect(recorded).toEqual([['m1', 'm2'], ['m3']]);
  });
});
