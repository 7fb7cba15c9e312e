/** X's snowflake epoch (2010-11-04T01:42:54.657Z). */
export const TWITTER_EPOCH_MS = 1288834974657;

const SEQUENCE_BITS = 12n;
const WORKER_BITS = 10n;
const MAX_SEQUENCE = (1 << Number(SEQUENCE_BITS)) - 1;
/** A fixed datacenter/worker value, so ids look like X's (bits 12..21 are never all zero). */
const WORKER_ID = 0x15an;

/** The creation time encoded in a snowflake id: `(id >> 22) + epoch` (the rule clients rely on). */
export function snowflakeToMs(id: string): number {
  return Number(BigInt(id) >> (SEQUENCE_BITS + WORKER_BITS)) + TWITTER_EPOCH_MS;
}

/** Compares two decimal id strings numerically without BigInt (ids never have leading zeros). */
export function compareIds(left: string, right: string): number {
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Mints snowflake ids whose timestamp is the creation time of the object, so `since_id` ordering agrees
 * with `created_at`. Ids minted for "now" are strictly increasing even within one millisecond (the
 * 12-bit sequence; when it overflows, the timestamp moves on by a millisecond, which `created_at` follows).
 * Back-dated ids (seeded history) use the per-millisecond sequence too, so they never collide.
 */
export class SnowflakeGenerator {
  private lastNowMs = 0;
  private readonly sequenceByMs = new Map<number, number>();

  /** Mints an id for the current time; returns the id and the millisecond it encodes. */
  nextNow(nowMs: number): { id: string; createdAtMs: number } {
    let ms = Math.max(nowMs, this.lastNowMs);
    let sequence = this.sequenceByMs.get(ms) ?? 0;
    if (sequence > MAX_SEQUENCE) {
      ms += 1;
      sequence = this.sequenceByMs.get(ms) ?? 0;
    }
    this.lastNowMs = ms;
    return { id: this.mint(ms, sequence), createdAtMs: ms };
  }

  /** Mints an id for a given (possibly past) millisecond. */
  nextAt(ms: number): { id: string; createdAtMs: number } {
    let at = Math.floor(ms);
    while ((this.sequenceByMs.get(at) ?? 0) > MAX_SEQUENCE) at += 1;
    return { id: this.mint(at, this.sequenceByMs.get(at) ?? 0), createdAtMs: at };
  }

  /**
   * The control API moved the clock on purpose (a test travelling back to a scenario's morning): ids minted
   * for "now" follow the new clock instead of staying above the last one. The per-millisecond sequences are
   * kept, so no id is ever minted twice.
   */
  followClock(): void {
    this.lastNowMs = 0;
  }

  reset(): void {
    this.lastNowMs = 0;
    this.sequenceByMs.clear();
  }

  private mint(ms: number, sequence: number): string {
    this.sequenceByMs.set(ms, sequence + 1);
    const id =
      (BigInt(ms - TWITTER_EPOCH_MS) << (SEQUENCE_BITS + WORKER_BITS)) |
      (WORKER_ID << SEQUENCE_BITS) |
      BigInt(sequence);
    return id.toString();
  }
}
