/**
 * Time is a parameter: domain code never reads the system clock directly.
 * Services receive a Clock; tests pass a FakeClock (see @vigie/testing).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** Injection token for the Clock in Nest modules. */
export const CLOCK = Symbol('CLOCK');
