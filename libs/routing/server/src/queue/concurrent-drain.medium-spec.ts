import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@vigie/database';
import { drainQueue } from '@vigie/routing-core';
import { DomainEventBus } from '@vigie/server';
import { createTestDatabase, FakeClock, type TestDatabase } from '@vigie/testing';
import { AgentChoiceRepository } from '../agents/agent-choice.repository';
import { AgentStatusService } from '../agents/agent-status.service';
import { resolvedActivity, seedRoutingScenario } from '../testing/routing-seed';
import { QueueDrainer } from './queue-drainer.service';
import { RoutingParticipant } from './routing-participant';
import { RoutingRepository } from './routing.repository';

const conversationCount = 5_000;
const agentCount = 20;
const capacity = 10;
const workerCount = 4;

type LogLine = {
  seq: string;
  conversation_id: string;
  action: string;
  agent_id: string | null;
  previous_agent_id: string | null;
};

/** A Vigie process as far as routing goes: its own connection pool, drainer and event bus. */
function startWorker(database: TestDatabase, clock: FakeClock) {
  const dataSource = new DataSource(
    buildDataSourceOptions({ connection: database.connection, entities: [], poolSize: 2 }),
  );
  const repository = new RoutingRepository();
  const events = new DomainEventBus();
  const drainer = new QueueDrainer(dataSource, repository, events, clock, null);
  const agents = new AgentStatusService(
    dataSource,
    repository,
    new AgentChoiceRepository(),
    drainer,
    events,
    clock,
  );
  return { dataSource, drainer, agents, participant: new RoutingParticipant(repository) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`concurrent draining: ${workerCount} workers, ${conversationCount} conversations, ${agentCount} agents of capacity ${capacity}`, () => {
  let database: TestDatabase;
  const clock = new FakeClock('2026-03-02T09:00:00Z');
  let workers: ReturnType<typeof startWorker>[];

  beforeAll(async () => {
    database = await createTestDatabase();
    workers = Array.from({ length: workerCount + 1 }, () => startWorker(database, clock));
    for (const worker of workers) await worker.dataSource.initialize();
  });
  afterAll(async () => {
    for (const worker of workers) {
      worker.drainer.stop();
      await worker.dataSource.destroy();
    }
    await database.destroy();
  });

  it('never gives a conversation to two agents, never overfills an agent, and drains the queue while agents resolve and come and go', async () => {
    const [chaos, ...drainers] = workers as [
      ReturnType<typeof startWorker>,
      ...ReturnType<typeof startWorker>[],
    ];
    const seeded = await seedRoutingScenario(chaos.dataSource, {
      conversationCount,
      agentCount,
      capacity,
      at: clock.now(),
      label: 'concurrency',
    });
    let isRunning = true;
    let worstLoad = 0;
    // Four processes drain in a loop, each on its own connections.
    const drainLoops = drainers.map(async (worker) => {
      while (isRunning) {
        await worker.drainer.drain();
        await sleep(5);
      }
    });
    // A sampler reads committed state in one statement (a consistent snapshot) all along.
    const sampler = (async () => {
      while (isRunning) {
        // Every statement runs in a transaction: see docs/adr/0203 on PGlite sockets shared by connections.
        const rows = (await chaos.dataSource.transaction((manager) =>
          manager.query(
            `SELECT max(held) AS worst FROM (SELECT count(*) AS held FROM routing_conversation
             WHERE assignee_id IS NOT NULL GROUP BY assignee_id) loads`,
          ),
        )) as { worst: string | null }[];
        worstLoad = Math.max(worstLoad, Number(rows[0]?.worst ?? 0));
        await sleep(20);
      }
    })();

    // Churn: agents resolve what they hold, and some go offline (their waiting conversations come back after the
    // grace period) and online again, until every conversation has been assigned and resolved.
    const started = Date.now();
    let round = 0;
    for (;;) {
      round += 1;
      const held = (await chaos.dataSource.transaction((manager) =>
        manager.query(
          `SELECT conversation_id, brand_id, assignee_id FROM routing_conversation WHERE assignee_id IS NOT NULL
         ORDER BY md5(conversation_id::text || $1) LIMIT 60`,
          [String(round)],
        ),
      )) as { conversation_id: string; brand_id: string; assignee_id: string }[];
      const at = clock.now();
      // The agent who held each conversation resolves it.
      const activities = held.map((row) =>
        resolvedActivity({
          conversationId: row.conversation_id,
          brandId: row.brand_id,
          userId: row.assignee_id,
          at,
        }),
      );
      await chaos.dataSource.transaction((manager) => chaos.participant.onActivity(manager, activities));
      if (round % 10 === 0) {
        const agentId = seeded.agentIds[round % agentCount] as string;
        await chaos.agents.setStatus({ userId: agentId, status: 'offline', source: 'agent' });
        clock.advance({ minutes: 6 });
        await chaos.agents.sweep();
        await chaos.agents.setStatus({ userId: agentId, status: 'online', source: 'agent' });
      }
      const remaining = (await chaos.dataSource.transaction((manager) =>
        manager.query(`SELECT count(*) AS count FROM routing_conversation`),
      )) as {
        count: string;
      }[];
      if (Number(remaining[0]?.count) === 0) break;
      if (Date.now() - started > 480_000) throw new Error('the churn did not finish in 8 minutes');
      await sleep(10);
    }
    isRunning = false;
    await Promise.all([...drainLoops, sampler]);

    const log = (await chaos.dataSource.query(
      `SELECT seq, conversation_id, action, agent_id, previous_agent_id FROM routing_assignment_log ORDER BY seq`,
    )) as LogLine[];
    // Replay per conversation: every move starts from the owner the previous move left.
    const owners = new Map<string, string | null>();
    const doubleOwnership: LogLine[] = [];
    const loads = new Map<string, number>();
    let worstReplayedLoad = 0;
    for (const line of log) {
      const owner = owners.get(line.conversation_id) ?? null;
      if (owner !== line.previous_agent_id) doubleOwnership.push(line);
      owners.set(line.conversation_id, line.agent_id);
      if (line.previous_agent_id)
        loads.set(line.previous_agent_id, (loads.get(line.previous_agent_id) ?? 0) - 1);
      if (line.agent_id) {
        const load = (loads.get(line.agent_id) ?? 0) + 1;
        loads.set(line.agent_id, load);
        worstReplayedLoad = Math.max(worstReplayedLoad, load);
      }
    }
    expect(doubleOwnership).toEqual([]);
    expect(worstReplayedLoad).toBeLessThanOrEqual(capacity);
    expect(worstLoad).toBeLessThanOrEqual(capacity);
    expect(worstLoad).toBe(capacity);
    const assignedOnce = new Set(
      log.filter((line) => line.action === 'assigned').map((line) => line.conversation_id),
    );
    expect(assignedOnce.size).toBe(conversationCount);
    expect(log.some((line) => line.action === 'returned')).toBe(true);
    const counters = (await chaos.dataSource.query(`SELECT sum(open_count) AS total FROM routing_agent`)) as {
      total: string;
    }[];
    expect(Number(counters[0]?.total)).toBe(0);
  }, 540_000);

  it('leaves nothing queued that an eligible agent with room could take, once the workers settle', async () => {
    const [chaos, ...drainers] = workers as [
      ReturnType<typeof startWorker>,
      ...ReturnType<typeof startWorker>[],
    ];
    await seedRoutingScenario(chaos.dataSource, {
      conversationCount: 600,
      agentCount: 12,
      capacity: 7,
      at: clock.now(),
      label: 'settle',
    });
    await Promise.all(drainers.map((worker) => worker.drainer.drain()));
    await Promise.all(drainers.map((worker) => worker.drainer.drain()));

    const repository = new RoutingRepository();
    const settled = await chaos.dataSource.transaction(async (manager) => {
      const queue = await repository.lockQueuePage(manager, { limit: 10_000, after: null });
      const agents = await repository.lockAvailableAgents(manager);
      return { queue, agents };
    });
    expect(settled.queue.length).toBeGreaterThan(0);
    // The independent check: the policy itself, over the whole queue and every agent, finds nothing to assign.
    const oracle = drainQueue({
      queue: settled.queue,
      agents: settled.agents,
      policyFor: () => 'round_robin',
      now: clock.now(),
    });
    expect(oracle.assignments).toEqual([]);
    const held = (await chaos.dataSource.query(
      `SELECT count(*) AS count FROM routing_conversation WHERE assignee_id IS NOT NULL`,
    )) as { count: string }[];
    expect(Number(held[0]?.count)).toBe(12 * 7 + 0);
  }, 120_000);
});
