import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@vigie/database';
import { DomainEventBus } from '@vigie/server';
import { createTestDatabase, FakeClock, type TestDatabase } from '@vigie/testing';
import { SpikeIncidentRepository } from '../incidents/spike-incident.repository';
import { SpikeIncidentTexts } from '../incidents/spike-incident-texts';
import { SpikeIncidentViews } from '../incidents/spike-incident-views';
import { IncidentLinkRepository } from '../incidents/incident-link.repository';
import { BulkAnswerRepository } from '../bulk-answers/bulk-answer.repository';
import { SpikeSeriesRepository } from '../series/spike-series.repository';
import { IncidentSlaWatch } from '../sla/incident-sla-watch';
import { IncidentWebhookOutbox } from '../webhooks/incident-webhook-outbox';
import { IncidentWebhookRepository } from '../webhooks/incident-webhook.repository';
import { defaultSpikeScannerOptions, SpikeScanner } from './spike-scanner.service';

const MINUTE_MS = 60_000;
const historyFrom = new Date('2026-11-20T00:00:00Z');
const burstAt = new Date('2026-11-22T10:00:00Z');

/** A Vigie process as far as spikes go: its own pool, scanner and event bus. */
function startProcess(database: TestDatabase, clock: FakeClock) {
  const dataSource = new DataSource(
    buildDataSourceOptions({ connection: database.connection, entities: [], poolSize: 2 }),
  );
  const incidents = new SpikeIncidentRepository();
  const views = new SpikeIncidentViews(incidents, new BulkAnswerRepository());
  const events = new DomainEventBus();
  const webhooks = new IncidentWebhookOutbox(incidents, new IncidentWebhookRepository());
  const opened: string[] = [];
  events.subscribe(
    'incident.opened',
    ({ incident }) => void opened.push(`${incident.brandName}/${incident.topic}`),
  );
  const scanner = new SpikeScanner(
    dataSource,
    new SpikeSeriesRepository(),
    incidents,
    new SpikeIncidentTexts(incidents),
    new IncidentLinkRepository(),
    views,
    webhooks,
    new IncidentSlaWatch(dataSource, incidents, views, webhooks, events, clock),
    events,
    clock,
    { ...defaultSpikeScannerOptions, batchSize: 3 },
  );
  return { dataSource, scanner, opened };
}

describe('spike scanning by two processes on one database', () => {
  let database: TestDatabase;
  const clock = new FakeClock(historyFrom);
  let processes: ReturnType<typeof startProcess>[];
  const brandIds: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    processes = [startProcess(database, clock), startProcess(database, clock)];
    for (const process of processes) await process.dataSource.initialize();
    const [first] = processes;
    for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon']) {
      const rows: { id: string }[] = await first.dataSource.query(
        `INSERT INTO brand (name, default_language) VALUES ($1, 'fr') RETURNING id`,
        [name],
      );
      brandIds.push(rows[0].id);
    }
  });
  afterAll(async () => {
    for (const process of processes) await process.dataSource.destroy();
    await database.destroy();
  });

  it('feeds every minute to each detector exactly once and opens one incident per burst', async () => {
    const [first] = processes;
    const series = new SpikeSeriesRepository();
    // Two days and ten hours of one mention every five minutes per brand; a burst on Alpha and Gamma.
    await first.dataSource.transaction(async (manager) => {
      for (let minuteMs = historyFrom.getTime(); minuteMs < burstAt.getTime(); minuteMs += 5 * MINUTE_MS)
        for (const brandId of brandIds)
          await series.countMentions(manager, [
            { brandId, topic: '', bucketAt: new Date(minuteMs), mentionCount: 1 },
          ]);
      for (const brandId of [brandIds[0], brandIds[2]])
        for (let minute = 0; minute < 6; minute += 1)
          await series.countMentions(manager, [
            {
              brandId,
              topic: '',
              bucketAt: new Date(burstAt.getTime() + minute * MINUTE_MS),
              mentionCount: 30,
            },
          ]);
    });

    // Both processes tick together, twice, at three moments: during history, after the burst, much later.
    for (const at of [
      burstAt.getTime() - 3_600_000,
      burstAt.getTime() + 10 * MINUTE_MS,
      burstAt.getTime() + 86_400_000,
    ]) {
      clock.set(new Date(at));
      await Promise.all([...processes, ...processes].map((process) => process.scanner.tick()));
    }

    const states: { observed: string; next_bucket_at: Date }[] = await first.dataSource.query(
      `SELECT detector_state->>'observedBuckets' AS observed, next_bucket_at FROM spike_series ORDER BY brand_id`,
    );
    const readyBefore = burstAt.getTime() + 86_400_000 - MINUTE_MS;
    const expectedMinutes = (readyBefore - historyFrom.getTime()) / MINUTE_MS;
    expect(states).toHaveLength(5);
    for (const state of states) {
      expect(Number(state.observed)).toBe(expectedMinutes);
      expect(new Date(state.next_bucket_at).getTime()).toBe(readyBefore);
    }
    const incidents: { name: string; status: string }[] = await first.dataSource.query(
      `SELECT b.name, i.status FROM spike_incident i JOIN brand b ON b.id = i.brand_id ORDER BY b.name`,
    );
    expect(incidents).toEqual([
      { name: 'Alpha', status: 'closed' },
      { name: 'Gamma', status: 'closed' },
    ]);
    expect(processes.flatMap((process) => process.opened).sort()).toEqual(['Alpha/', 'Gamma/']);
  });
});
