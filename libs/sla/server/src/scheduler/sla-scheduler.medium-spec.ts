import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { SlaAlertsRaised } from '@vigie/contracts';
import { buildDataSourceOptions } from '@vigie/database';
import { createTestDatabase, FakeClock, type TestDatabase } from '@vigie/testing';
import { SlaClockRepository, type StoredClock } from '../clocks/sla-clock.repository';
import { ClockWork } from '../clocks/clock-work';
import { SlaPolicyCatalog } from '../policies/sla-policy.catalog';
import { SlaPolicyRepository } from '../policies/sla-policy.repository';
import { createStandaloneSla } from '../standalone-sla';
import type { SlaScheduler } from './sla-scheduler.service';

/** One "process": its own connection pool, event bus and scheduler, on the shared database. */
type Process = { dataSource: DataSource; scheduler: SlaScheduler; alerts: SlaAlertsRaised[] };

/**
 * The durable scheduler on a real database: what was scheduled before a restart fires after it, and many
 * clocks crossing at once fire once each across two processes polling the same table.
 */
describe('SLA scheduler (real database, several processes)', () => {
  let database: TestDatabase;
  const clock = new FakeClock('2026-11-23T08:00:00Z');
  const processes: Process[] = [];
  let conversationIds: string[] = [];

  async function startProcess(): Promise<Process> {
    const dataSource = await new DataSource(
      buildDataSourceOptions({ connection: database.connection, entities: [], poolSize: 3 }),
    ).initialize();
    const { scheduler, events } = createStandaloneSla({
      dataSource,
      clock,
      scheduler: { intervalMs: 60_000, batchSize: 7 },
    });
    const process: Process = { dataSource, scheduler, alerts: [] };
    events.subscribe('sla.warning', (payload) => void process.alerts.push(payload));
    events.subscribe('sla.breached', (payload) => void process.alerts.push(payload));
    processes.push(process);
    return process;
  }

  async function stopProcess(process: Process): Promise<void> {
    await process.scheduler.onApplicationShutdown();
    await process.dataSource.destroy();
    processes.splice(processes.indexOf(process), 1);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const setup = await startProcess();
    const dataSource = setup.dataSource;
    const [brand] = (await dataSource.query(
      `INSERT INTO brand (name, default_language) VALUES ('Scheduler', 'fr') RETURNING id`,
    )) as { id: string }[];
    const [account] = (await dataSource.query(
      `INSERT INTO channel_account (brand_id, channel, external_user_id, handle, display_name, status, mode, credentials_ciphertext)
       VALUES ($1, 'x', 'scheduler', 'scheduler', 'Scheduler', 'connected', 'stream', 'none') RETURNING id`,
      [brand?.id],
    )) as { id: string }[];
    const [contact] = (await dataSource.query(
      `INSERT INTO contact (display_name) VALUES ('c') RETURNING id`,
    )) as {
      id: string;
    }[];
    // 40 conversations whose one-hour contract clocks start at 09:00 Paris: all cross 50 %, 80 % and 100 % together.
    const rows = (await dataSource.query(
      `INSERT INTO conversation (brand_id, channel_account_id, channel, kind, thread_key, contact_id, status,
         waiting_since, last_activity_at, last_message_preview, message_count)
       SELECT $1, $2, 'x', 'public_thread', 'thread-' || i, $3, 'open', now(), now(), '', 1 FROM generate_series(1, 40) i
       RETURNING id`,
      [brand?.id, account?.id, contact?.id],
    )) as { id: string }[];
    conversationIds = rows.map((row) => row.id);
    const catalog = new SlaPolicyCatalog(new SlaPolicyRepository(dataSource));
    const repository = new SlaClockRepository();
    await dataSource.transaction(async (manager) => {
      const clocks: { clock: StoredClock; work: ClockWork }[] = [];
      for (const conversationId of conversationIds) {
        const work = new ClockWork(conversationId, catalog.default, []);
        work.start({
          clock: 'contract',
          metric: 'first_response',
          at: new Date('2026-11-23T08:00:00Z'),
          brandId: brand?.id ?? '',
          channel: 'x',
          reason: 'started',
        });
        const started = work.changed()[0];
        if (started) clocks.push({ clock: started, work });
      }
      await repository.save(
        manager,
        clocks.map((entry) => entry.clock),
      );
      await repository.reschedule(
        manager,
        clocks.map((entry) => ({ clock: entry.clock, thresholds: entry.work.thresholds(entry.clock) })),
      );
    });
    // This process goes away before anything is due: the schedule is in the database, not in it.
    await stopProcess(setup);
  });
  afterAll(async () => {
    for (const process of [...processes]) await stopProcess(process);
    await database.destroy();
  });

  const eventCount = async (dataSource: DataSource, kind: string) =>
    Number(
      (
        (await dataSource.query(`SELECT count(*) FROM sla_event WHERE kind = $1`, [kind])) as {
          count: string;
        }[]
      )[0]?.count,
    );

  it('fires what the stopped process scheduled, once per clock, with two new processes ticking together', async () => {
    const [first, second] = [await startProcess(), await startProcess()];
    if (!first || !second) throw new Error('processes did not start');
    clock.set('2026-11-23T08:30:00Z'); // 50 %
    const fired = await Promise.all([first, second].map((process) => process.scheduler.tick()));
    expect(fired.reduce((sum, count) => sum + count, 0)).toBe(40);
    expect(await eventCount(first.dataSource, 'warned')).toBe(40);

    clock.set('2026-11-23T09:00:00Z'); // 80 % and the breach
    const later = await Promise.all([first, second].map((process) => process.scheduler.tick()));
    expect(later.reduce((sum, count) => sum + count, 0)).toBe(80);
    expect(await eventCount(first.dataSource, 'warned')).toBe(80);
    expect(await eventCount(first.dataSource, 'breached')).toBe(40);
    const breachedAlerts = [...first.alerts, ...second.alerts]
      .flatMap((digest) => digest.alerts)
      .filter((alert) => alert.kind === 'breach');
    expect(new Set(breachedAlerts.map((alert) => alert.conversationId)).size).toBe(40);
    expect(breachedAlerts).toHaveLength(40);
    // Digested: a batch of 7 due rows is one message per audience, not one per conversation.
    expect([...first.alerts, ...second.alerts].length).toBeLessThan(40);
    expect(
      Number(
        ((await first.dataSource.query(`SELECT count(*) FROM sla_due_event`)) as { count: string }[])[0]
          ?.count,
      ),
    ).toBe(0);
  });
});
