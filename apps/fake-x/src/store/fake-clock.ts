/** The fake's notion of "now": wall time plus an offset that the control API can move. */
export class FakeClock {
  private offsetMs = 0;

  constructor(private readonly wallNow: () => number = Date.now) {}

  now(): number {
    return this.wallNow() + this.offsetMs;
  }

  getOffsetMs(): number {
    return this.offsetMs;
  }

  setOffsetMs(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}
