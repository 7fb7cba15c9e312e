/**
 * Routing bench: `npm run bench:routing` (options: `-- --agents 200 --conversations 10000 --capacity 10
 * --workers 4 --samples 300`).
 *
 * On real PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) is set (a fresh database, dropped afterwards),
 * else on an embedded PGlite. Seeds the agents (online, in one team, fr/en/both) and the queued conversations,
 * then measures:
 *  1. the bulk drain: N worker processes' drainers (each its own connection pool) assign until nobody has room;
 *     assignments per second;
 *  2. the steady state: one held conversation is resolved (its own transaction), a drain is asked for, and the
 *     time until the freed place is taken again is one sample of assignment latency (p50, p99, max).
 */
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrations } from '@vigie/database';
import { DomainEventBus } from '@vigie/server';
import { QueueDrainer } from '../src/queue/queue-drainer.service';
import { RoutingParticipant } from '../src/queue/routing-participant';
import { RoutingRepository } from '../src/queue/routing.repository';
import { FakeClock, openBenchDatabase } from '../src/testing/bench-database';
import { resolvedActivity, seedRoutingScenario } from '../src/testing/routing-seed';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const agentCount = option('agents', 200);
  const conversationCount = option('conversations', 10_000);
  const capacity = option('capacity', 10);
  const workerCount = option('workers', 4);
  const sampleCount = option('samples', 300);
  const database = await openBenchDatabase(process.env);
  const clock = new FakeClock(new Date());
  await runMigrations({
    options: buildDataSourceOptions({ connection: database.connection, entities: [] }),
    lock: 'none',
  });
  const sources = Array.from(
    { length: workerCount + 1 },
    () =>
      new DataSource(buildDataSourceOptions({ connection: database.connection, entities: [], poolSize: 2 })),
  );
  for (const source of sources) await source.initialize();
  const [control, ...workerSources] = sources as [DataSource, ...DataSource[]];
  const repository = new RoutingRepository();
  const drainers = workerSources.map(
    (source) => new QueueDrainer(source, repository, new DomainEventBus(), clock, null),
  );
  try {
    await seedRoutingScenario(control, {
      conversationCount,
      agentCount,
      capacity,
      at: clock.now(),
      label: 'bench',
    });
    console.log(
      `routing bench on ${database.kind}: ${agentCount} online agents (capacity ${capacity}), ` +
        `${conversationCount} queued conversations, ${workerCount} workers`,
    );

    const started = performance.now();
    const reports = await Promise.all(drainers.map((drainer) => drainer.drain()));
    const seconds = (performance.now() - started) / 1000;
    const assigned = reports.reduce((sum, report) => sum + report.assigned, 0);
    console.log(
      `bulk drain: ${assigned} assignments in ${seconds.toFixed(2)} s → ${Math.round(assigned / seconds)} assignments/s`,
    );

    const participant = new RoutingParticipant(repository);
    const latencies: number[] = [];
    for (let sample = 0; sample < sampleCount; sample++) {
      const at = clock.now();
      const freed = performance.now();
      await control.transaction(async (manager) => {
        const [held] = (await manager.query(
          `SELECT conversation_id, brand_id FROM routing_conversation WHERE assignee_id IS NOT NULL
           ORDER BY assigned_at, conversation_id LIMIT 1`,
        )) as { conversation_id: string; brand_id: string }[];
        if (!held) throw new Error('nothing held: the bulk drain assigned nothing');
        await participant.onActivity(manager, [
          resolvedActivity({
            conversationId: held.conversation_id,
            brandId: held.brand_id,
            userId: null,
            at,
          }),
        ]);
      });
      const report = await (drainers[sample % drainers.length] as QueueDrainer).drain();
      if (report.assigned !== 1)
        throw new Error(`expected the freed place to be taken, got ${report.assigned}`);
      latencies.push(performance.now() - freed);
    }
    const sorted = [...latencies].sort((left, right) => left - right);
    console.log(
      `assignment latency (resolution committed → replacement assigned and committed), ${sampleCount} samples: ` +
        `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, ` +
        `max ${(sorted[sorted.length - 1] ?? Number.NaN).toFixed(1)} ms`,
    );
  } finally {
    for (const drainer of drainers) drainer.stop();
    for (const source of sources) await source.destroy();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
