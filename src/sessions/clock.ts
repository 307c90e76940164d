/**
 * The state layer's view of time: epoch milliseconds. Stores and the session service take
 * one injected so that expiry can be tested without sleeping. Any object with `nowMs()`
 * fits (a test clock, or the service's own clock when it has one).
 */
export interface Clock {
  nowMs(): number;
}

/** Wall-clock time, for production composition only. */
export const systemClock: Clock = { nowMs: () => Date.now() };
