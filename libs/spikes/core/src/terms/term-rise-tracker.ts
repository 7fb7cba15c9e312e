import { DomainError } from '@vigie/kernel';
import { anscombeZ, countAtZ } from '../detector/count-statistics';

export type TermRiseParameters = {
  /** Most terms tracked at once; the least frequent is evicted (space-saving), so memory is bounded. */
  readonly capacity: number;
  /** Time constant of the "recent" count compared with the baseline. */
  readonly recentMinutes: number;
  /** Memory of each term's own baseline rate. */
  readonly baselineHours: number;
  /** Rate assumed for a term never seen before, so a new word needs real volume to count as rising. */
  readonly baselineFloorPerHour: number;
  /** Over-dispersion of term counts (burstier than Poisson). */
  readonly dispersion: number;
  readonly riseZ: number;
  readonly minimumRecentCount: number;
  readonly minimumIncreaseRatio: number;
  /** Nothing is reported before this much history: at start every term would look new. */
  readonly warmupMinutes: number;
  readonly maximumReported: number;
};

export const DEFAULT_TERM_RISE_PARAMETERS: TermRiseParameters = {
  capacity: 2000,
  recentMinutes: 10,
  baselineHours: 24,
  baselineFloorPerHour: 0.5,
  dispersion: 0.1,
  riseZ: 5,
  minimumRecentCount: 5,
  minimumIncreaseRatio: 3,
  warmupMinutes: 60,
  maximumReported: 10,
};

type TrackedTerm = {
  /** Exponentially decayed count over about `recentMinutes`. */
  recentCount: number;
  /** Exponentially decayed sum of (clipped) counts; divided by the tracker-wide weight it is a mean rate. */
  baselineSum: number;
  lastBucketIndex: number;
};

export type TermRiseState = {
  readonly version: 1;
  readonly bucketSeconds: number;
  bucketIndex: number;
  lastBucketStartMs: number | null;
  terms: Record<string, TrackedTerm>;
};

export type RisingTerm = {
  readonly term: string;
  /** Decayed count over the recent period, and what the term's baseline predicts for it. */
  readonly recentCount: number;
  readonly expectedCount: number;
  readonly increaseRatio: number;
  readonly z: number;
};

/**
 * Finds the terms of a stream (tokens of posts) that suddenly rise against their own baseline, with
 * at most `capacity` terms in memory. Each term keeps a fast decayed count and a slow baseline rate;
 * decay is applied lazily when a term is next seen, so a bucket costs O(terms in the bucket), plus an
 * O(capacity) scan per eviction. A new term replacing an evicted one inherits the evicted baseline
 * (the space-saving rule), which can only over-estimate its baseline and so never invents a rise.
 */
export class TermRiseTracker {
  private readonly recentForgetting: number;
  private readonly baselineForgetting: number;

  private constructor(
    private readonly state: TermRiseState,
    private readonly parameters: TermRiseParameters,
  ) {
    this.recentForgetting = Math.exp(-state.bucketSeconds / (parameters.recentMinutes * 60));
    this.baselineForgetting = Math.exp(-state.bucketSeconds / (parameters.baselineHours * 3600));
  }

  static create(params: { bucketSeconds: number; parameters?: TermRiseParameters }): TermRiseTracker {
    if (!(params.bucketSeconds > 0))
      throw new DomainError({ code: 'invalid', message: 'bucketSeconds must be positive' });
    return new TermRiseTracker(
      { version: 1, bucketSeconds: params.bucketSeconds, bucketIndex: 0, lastBucketStartMs: null, terms: {} },
      params.parameters ?? DEFAULT_TERM_RISE_PARAMETERS,
    );
  }

  static restore(params: { state: TermRiseState; parameters?: TermRiseParameters }): TermRiseTracker {
    if (params.state.version !== 1)
      throw new DomainError({ code: 'invalid', message: 'Unsupported term tracker state version' });
    return new TermRiseTracker(
      structuredClone(params.state),
      params.parameters ?? DEFAULT_TERM_RISE_PARAMETERS,
    );
  }

  toState(): TermRiseState {
    return structuredClone(this.state);
  }

  get trackedTermCount(): number {
    return Object.keys(this.state.terms).length;
  }

  /** Feeds one bucket of term counts; returns the terms rising now, strongest first. */
  observe(params: { bucketStartMs: number; termCounts: ReadonlyMap<string, number> }): RisingTerm[] {
    const { state, parameters } = this;
    if (state.lastBucketStartMs !== null && !(params.bucketStartMs > state.lastBucketStartMs)) {
      throw new DomainError({
        code: 'invalid',
        message: 'Buckets must be observed in increasing time order',
      });
    }
    const bucketMs = state.bucketSeconds * 1000;
    const elapsedBuckets =
      state.lastBucketStartMs === null
        ? 1
        : Math.max(1, Math.round((params.bucketStartMs - state.lastBucketStartMs) / bucketMs));
    state.bucketIndex += elapsedBuckets;
    state.lastBucketStartMs = params.bucketStartMs;
    const isWarmingUp = state.bucketIndex * state.bucketSeconds < parameters.warmupMinutes * 60;
    const floorPerBucket = (parameters.baselineFloorPerHour * state.bucketSeconds) / 3600;
    // A decayed sum with time constant τ holds about τ / bucket buckets' worth of the mean rate.
    const recentSpanBuckets = 1 / (1 - this.recentForgetting);
    // Total weight of the buckets before this one since the tracker started (the same for every term:
    // a term unseen so far had zero counts). Dividing by it removes the start-up bias of a decayed mean.
    const priorWeight = Math.max(
      1,
      (this.baselineForgetting * (1 - Math.pow(this.baselineForgetting, state.bucketIndex - 1))) /
        (1 - this.baselineForgetting),
    );

    const rising: RisingTerm[] = [];
    for (const [term, count] of params.termCounts) {
      if (!(count > 0)) continue;
      const tracked = this.bringUpToDate(term);
      tracked.recentCount += count;
      const baselinePerBucket = tracked.baselineSum / priorWeight;
      const expectedPerBucket = Math.max(baselinePerBucket, floorPerBucket);
      const expectedCount = expectedPerBucket * recentSpanBuckets;
      const z = anscombeZ({
        observed: tracked.recentCount,
        expected: expectedCount,
        dispersion: parameters.dispersion,
      });
      const increaseRatio = tracked.recentCount / expectedCount;
      const isRising =
        !isWarmingUp &&
        z >= parameters.riseZ &&
        tracked.recentCount >= parameters.minimumRecentCount &&
        increaseRatio >= parameters.minimumIncreaseRatio;
      if (isRising) rising.push({ term, recentCount: tracked.recentCount, expectedCount, increaseRatio, z });
      // Clip what the baseline learns, so a rise is not absorbed as the new normal within minutes.
      const learned = isWarmingUp
        ? count
        : Math.min(count, countAtZ({ expected: expectedPerBucket, dispersion: parameters.dispersion, z: 3 }));
      tracked.baselineSum += learned;
    }
    rising.sort((left, right) => right.z - left.z);
    return rising.slice(0, parameters.maximumReported);
  }

  /** Applies the decay of the buckets a term was absent from (it had zero counts in them). */
  private bringUpToDate(term: string): TrackedTerm {
    const { state } = this;
    const existing = state.terms[term];
    if (existing !== undefined) {
      const elapsed = state.bucketIndex - existing.lastBucketIndex;
      existing.recentCount *= Math.pow(this.recentForgetting, elapsed);
      existing.baselineSum *= Math.pow(this.baselineForgetting, elapsed);
      existing.lastBucketIndex = state.bucketIndex;
      return existing;
    }
    let inheritedBaseline = 0;
    if (Object.keys(state.terms).length >= this.parameters.capacity) {
      let weakestTerm: string | null = null;
      let weakestBaseline = Number.POSITIVE_INFINITY;
      for (const [candidate, tracked] of Object.entries(state.terms)) {
        const currentBaseline =
          tracked.baselineSum *
          Math.pow(this.baselineForgetting, state.bucketIndex - tracked.lastBucketIndex);
        if (currentBaseline < weakestBaseline) [weakestTerm, weakestBaseline] = [candidate, currentBaseline];
      }
      if (weakestTerm !== null) {
        delete state.terms[weakestTerm];
        inheritedBaseline = weakestBaseline;
      }
    }
    const created: TrackedTerm = {
      recentCount: 0,
      baselineSum: inheritedBaseline,
      lastBucketIndex: state.bucketIndex,
    };
    state.terms[term] = created;
    return created;
  }
}
