import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DueSource, SLA_DUE_TIMES, type SlaDueTimesSource } from '../sla/sla-due-times';
import { DueTimeRepository, type StoredDueTime } from './due-time.repository';
import { provisionalDueAt } from './routing-priority';
import { inRoutingTransaction } from './routing-transaction';

const batchSize = 500;
const maxRoundsPerRefresh = 20;
const reconcilePageSize = 500;
const startOfIds = '00000000-0000-0000-0000-000000000000';

/** What a conversation's due time should be: the SLA's when a response clock runs, else the provisional one. */
function expectedDue(
  row: StoredDueTime,
  sla: ReadonlyMap<string, { dueAt: Date; source: 'contract' | 'customer' }>,
): { dueAt: Date | null; source: DueSource } {
  const fromSla = sla.get(row.conversationId);
  if (fromSla) return fromSla;
  return { dueAt: provisionalDueAt(row.waitingSince), source: 'provisional' };
}

const sameInstant = (left: Date | null, right: Date | null) =>
  (left?.getTime() ?? null) === (right?.getTime() ?? null);

/**
 * Keeps the queue's due times equal to the SLA's (docs/adr/0208). A row is marked unchecked when it is enqueued, when
 * its wait moves, and when the SLA publishes `sla.updated` for it (a new clock, a pause, a policy re-evaluation);
 * before each drain pass the unchecked queued rows are locked, read from the SLA through the port and written back,
 * so the queue index re-orders them. `reconcile` walks the whole queue a page at a time on the sweep's beat and
 * corrects any row whose event was lost (a crash between the SLA's commit and its event).
 */
@Injectable()
export class DueTimes {
  private readonly logger = new Logger('DueTimes');
  private reconcileAfter = startOfIds;
  private readonly noted = new Set<string>();
  /** The statement the conversations noted in this turn of the event loop will share. */
  private nextMark: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: DueTimeRepository,
    @Optional() @Inject(SLA_DUE_TIMES) private readonly sla: SlaDueTimesSource | null = null,
  ) {}

  /** Reads the due times of unchecked queued rows; returns how many were read. */
  async refresh(): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRoundsPerRefresh; round++) {
      const read = await inRoutingTransaction(this.dataSource, async (manager) => {
        const candidates = await this.repository.listUnchecked(manager, batchSize);
        if (candidates.length === 0) return { locked: 0, listed: 0 };
        const rows = await this.repository.lockUnchecked(manager, candidates);
        const sla = this.sla
          ? await this.sla.dueTimes(
              manager,
              rows.map((row) => row.conversationId),
            )
          : new Map();
        await this.repository.save(
          manager,
          rows.map((row) => ({ conversationId: row.conversationId, ...expectedDue(row, sla) })),
        );
        return { locked: rows.length, listed: candidates.length };
      });
      total += read.locked;
      if (read.listed < batchSize) break;
    }
    return total;
  }

  /** The SLA says these conversations' clocks changed. Returns how many routed rows must be read again. */
  markChanged(conversationIds: string[]): Promise<number> {
    return inRoutingTransaction(this.dataSource, (manager) =>
      this.repository.markUnchecked(manager, conversationIds),
    );
  }

  /**
   * {@link markChanged} for one conversation, gathered with the others noted in the same turn of the event loop
   * into one statement. Resolves with how many routed rows that statement marked (0 when it failed: the failure is
   * logged, and the periodic `reconcile` finds the rows again).
   */
  noteChanged(conversationId: string): Promise<number> {
    this.noted.add(conversationId);
    this.nextMark ??= new Promise<number>((resolve) =>
      setImmediate(() => {
        const ids = [...this.noted];
        this.noted.clear();
        this.nextMark = null;
        this.markChanged(ids).then(resolve, (error: unknown) => {
          this.logger.warn({ err: error, count: ids.length }, 'Could not mark due times to read again');
          resolve(0);
        });
      }),
    );
    return this.nextMark;
  }

  /**
   * Compares one page of the queue with the SLA and marks the rows that differ; the next drain pass rewrites them.
   * Returns how many differed. Successive calls walk the whole queue, then start over.
   */
  async reconcile(): Promise<number> {
    if (!this.sla) return 0;
    const sla = this.sla;
    const stale = await inRoutingTransaction(this.dataSource, async (manager) => {
      const page = await this.repository.queuedAfter(manager, {
        afterId: this.reconcileAfter,
        limit: reconcilePageSize,
      });
      const last = page[page.length - 1];
      this.reconcileAfter = page.length < reconcilePageSize || !last ? startOfIds : last.conversationId;
      const expected = await sla.dueTimes(
        manager,
        page.map((row) => row.conversationId),
      );
      const differing = page.filter((row) => {
        const due = expectedDue(row, expected);
        return !sameInstant(due.dueAt, row.dueAt) || due.source !== row.dueSource;
      });
      return this.repository.markUnchecked(
        manager,
        differing.map((row) => row.conversationId),
      );
    });
    return stale;
  }
}
