import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@vigie/database';
import { createTestDatabase, FakeClock, type TestDatabase } from '@vigie/testing';
import { DueTimeRepository } from '../queue/due-time.repository';
import { DueTimes } from '../queue/due-times';
import { seedRoutingScenario } from '../testing/routing-seed';
import { SlaClockDueTimes } from './sla-due-times';

type Clock = {
  clock: 'contract' | 'customer';
  metric: 'first_response' | 'next_response' | 'resolution';
  status: 'running' | 'paused' | 'fulfilled' | 'stopped';
  dueMinutes: number | null;
};

/**
 * The SLA port's SQL adapter and the due-time refresh on a real database: which clock orders a conversation, and
 * how a wrong stored due time is found again when its `sla.updated` was lost.
 */
describe('SLA due times for the queue (real database)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const at = new FakeClock('2026-11-24T09:00:00Z').now();
  const minutes = (count: number) => new Date(at.getTime() + count * 60_000);
  let brandId = '';
  let conversationIds: string[] = [];

  async function insertClocks(conversationId: string, clocks: Clock[]): Promise<void> {
    for (const clock of clocks) {
      await dataSource.query(
        `INSERT INTO sla_clock (conversation_id, clock, metric, brand_id, channel, status, hours, target_ms, started_at,
           running_since, due_at)
         VALUES ($1, $2, $3, $4, 'x', $5, 'business', 3600000, $6, $7, $8)`,
        [
          conversationId,
          clock.clock,
          clock.metric,
          brandId,
          clock.status,
          at,
          clock.status === 'running' ? at : null,
          clock.dueMinutes === null ? null : minutes(clock.dueMinutes),
        ],
      );
    }
  }

  const stored = async (conversationId: string) =>
    (
      (await dataSource.query(
        `SELECT due_at, due_source, is_due_checked FROM routing_conversation WHERE conversation_id = $1`,
        [conversationId],
      )) as { due_at: Date | null; due_source: string; is_due_checked: boolean }[]
    )[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(
      buildDataSourceOptions({ connection: database.connection, entities: [], poolSize: 2 }),
    );
    await dataSource.initialize();
    const seeded = await seedRoutingScenario(dataSource, {
      conversationCount: 5,
      agentCount: 1,
      capacity: 0,
      at,
      label: 'sla-due',
    });
    brandId = seeded.brandId;
    conversationIds = [...seeded.conversationIds].sort();
    // The third conversation has no clock at all.
    const [contractFirst, pausedContract, , nextResponse, resolutionOnly] = conversationIds as [
      string,
      string,
      string,
      string,
      string,
    ];
    await insertClocks(contractFirst, [
      { clock: 'contract', metric: 'first_response', status: 'running', dueMinutes: 30 },
      { clock: 'customer', metric: 'first_response', status: 'running', dueMinutes: 60 },
    ]);
    await insertClocks(pausedContract, [
      { clock: 'contract', metric: 'first_response', status: 'paused', dueMinutes: null },
      { clock: 'customer', metric: 'first_response', status: 'running', dueMinutes: 60 },
    ]);
    await insertClocks(nextResponse, [
      { clock: 'contract', metric: 'first_response', status: 'fulfilled', dueMinutes: 5 },
      { clock: 'contract', metric: 'next_response', status: 'running', dueMinutes: 120 },
      { clock: 'customer', metric: 'next_response', status: 'running', dueMinutes: 60 },
    ]);
    await insertClocks(resolutionOnly, [
      { clock: 'contract', metric: 'resolution', status: 'running', dueMinutes: 10 },
      { clock: 'customer', metric: 'first_response', status: 'running', dueMinutes: 45 },
    ]);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.destroy();
  });

  it("reads the running response contract clock's due time, else the customer clock's, and nothing without one", async () => {
    const dueTimes = await dataSource.transaction((manager) =>
      new SlaClockDueTimes().dueTimes(manager, conversationIds),
    );
    const [contractFirst, pausedContract, noClock, nextResponse, resolutionOnly] = conversationIds as [
      string,
      string,
      string,
      string,
      string,
    ];
    expect(dueTimes.get(contractFirst)).toEqual({ dueAt: minutes(30), source: 'contract' });
    expect(dueTimes.get(pausedContract)).toEqual({ dueAt: minutes(60), source: 'customer' });
    expect(dueTimes.has(noClock)).toBe(false);
    expect(dueTimes.get(nextResponse)).toEqual({ dueAt: minutes(120), source: 'contract' });
    expect(dueTimes.get(resolutionOnly)).toEqual({ dueAt: minutes(45), source: 'customer' });
  });

  it('stores them on the unchecked queued rows, the provisional hour where no clock runs, and corrects a row whose update was lost', async () => {
    const dueTimes = new DueTimes(dataSource, new DueTimeRepository(), new SlaClockDueTimes());
    expect(await dueTimes.refresh()).toBe(5);
    const [contractFirst, , noClock] = conversationIds as [string, string, string];
    expect(await stored(contractFirst)).toEqual({
      due_at: minutes(30),
      due_source: 'contract',
      is_due_checked: true,
    });
    expect(await stored(noClock)).toEqual({
      due_at: minutes(60),
      due_source: 'provisional',
      is_due_checked: true,
    });
    expect(await dueTimes.refresh()).toBe(0);

    // The SLA re-evaluated a clock but its event never reached routing (a crash between the two).
    await dataSource.query(
      `UPDATE sla_clock SET due_at = $2 WHERE conversation_id = $1 AND clock = 'contract' AND metric = 'first_response'`,
      [contractFirst, minutes(90)],
    );
    expect(await dueTimes.reconcile()).toBe(1);
    expect(await dueTimes.refresh()).toBe(1);
    expect(await stored(contractFirst)).toEqual({
      due_at: minutes(90),
      due_source: 'contract',
      is_due_checked: true,
    });
    expect(await dueTimes.reconcile()).toBe(0);
  });

  it('gathers the conversations noted in one turn into one mark, each caller told how many rows it marked', async () => {
    const dueTimes = new DueTimes(dataSource, new DueTimeRepository(), new SlaClockDueTimes());
    await dueTimes.refresh();
    const [first, second, third] = conversationIds as [string, string, string];
    const marks = await Promise.all([first, second, third, first].map((id) => dueTimes.noteChanged(id)));
    expect(marks).toEqual([3, 3, 3, 3]);
    for (const id of [first, second, third])
      expect((await stored(id)) as { is_due_checked: boolean }).toMatchObject({ is_due_checked: false });
    // The next turn is a mark of its own: those rows are unchecked already.
    expect(await dueTimes.noteChanged(first)).toBe(0);
    expect(await dueTimes.refresh()).toBe(3);
  });
});
