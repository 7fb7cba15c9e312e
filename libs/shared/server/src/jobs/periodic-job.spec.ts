import { PeriodicJob } from './periodic-job';

describe('PeriodicJob', () => {
  function gatedJob() {
    const releases: (() => void)[] = [];
    let started = 0;
    const job = new PeriodicJob({
      name: 'test-job',
      intervalMs: 60_000,
      work: () =>
        new Promise<number>((resolve) => {
          started += 1;
          const runNumber = started;
          releases.push(() => resolve(runNumber));
        }),
    });
    return { job, releases, started: () => started };
  }

  it('runs one at a time: a call during a run queues exactly one more run, shared by every such call', async () => {
    const { job, releases, started } = gatedJob();
    const first = job.run();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started()).toBe(1);
    const second = job.run();
    const third = job.run();
    expect(third).toBe(second);
    expect(started()).toBe(1);
    releases[0]?.();
    expect(await first).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started()).toBe(2);
    releases[1]?.();
    expect(await second).toBe(2);
  });

  it('keeps going after a failed run, and stop waits for the run under way', async () => {
    let calls = 0;
    const job = new PeriodicJob({
      name: 'test-job',
      intervalMs: 60_000,
      work: async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return calls;
      },
    });
    await expect(job.run()).rejects.toThrow('boom');
    expect(await job.run()).toBe(2);
    let isStopped = false;
    const { job: slow, releases } = gatedJob();
    slow.start();
    const running = slow.run();
    const stopping = slow.stop().then(() => (isStopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(isStopped).toBe(false);
    releases[0]?.();
    await running;
    await stopping;
    expect(isStopped).toBe(true);
  });
});
