/** Runs tasks one at a time in arrival order (stream messages and backfill pages share one queue). */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  push(task: () => Promise<void>): Promise<void> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every task queued so far has finished. */
  drain(): Promise<void> {
    return this.tail;
  }
}
