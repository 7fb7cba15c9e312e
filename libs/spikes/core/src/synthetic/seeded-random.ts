/** A small seeded generator (mulberry32): the synthetic suite must give the same series on every run. */
export type RandomSource = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  nextGaussian(): number;
  /** Poisson with the given mean. */
  nextPoisson(mean: number): number;
};

export function createSeededRandom(seed: number): RandomSource {
  let stateValue = seed >>> 0;
  const next = (): number => {
    stateValue = (stateValue + 0x6d2b79f5) >>> 0;
    let mixed = stateValue;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const nextGaussian = (): number => {
    const first = Math.max(next(), Number.MIN_VALUE);
    return Math.sqrt(-2 * Math.log(first)) * Math.cos(2 * Math.PI * next());
  };
  const nextPoisson = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * nextGaussian()));
    // Knuth's product method: exact and fast enough for small means.
    const limit = Math.exp(-mean);
    let count = 0;
    let product = next();
    while (product > limit) {
      count += 1;
      product *= next();
    }
    return count;
  };
  return { next, nextGaussian, nextPoisson };
}
