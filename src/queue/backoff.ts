import type { BackoffOptions } from './job-queue.js';

/** A source of numbers in [0, 1); injected so tests can make jitter deterministic. */
export type RandomSource = () => number;

/**
 * Delay before the retry that follows failed attempt number `attemptsMade` (1-based:
 * after the first failure it is 1). Exponential: `delayMs · 2^(attemptsMade−1)`, capped
 * at `maxDelayMs`, then jittered downwards so a burst of failures (a receiver restart)
 * does not come back as a synchronised burst. A `retryAfterMs` from the server is a floor:
 * we never come back earlier than asked, even past `maxDelayMs`.
 */
export function backoffDelayMs(backoff: BackoffOptions, attemptsMade: number, retryAfterMs: number | undefined, random: RandomSource): number {
  const exponent = Math.max(0, attemptsMade - 1);
  // 2^exponent overflows to Infinity long before it matters; min() keeps it finite.
  const capped = Math.min(backoff.maxDelayMs, backoff.delayMs * 2 ** Math.min(exponent, 52));
  const jitter = Math.min(1, Math.max(0, backoff.jitter));
  const jittered = Math.floor(capped * (1 - jitter * random()));
  return Math.max(jittered, Math.ceil(retryAfterMs ?? 0));
}

/**
 * The smallest number of attempts whose retries (at the longest, un-jittered delays) keep
 * going for at least `windowMs`. Used to turn "retry for up to an hour" into BullMQ's
 * `attempts`. Jitter only shortens delays, so the caller should also stop by the clock
 * (the beacon processor does).
 */
export function attemptsForWindow(backoff: BackoffOptions, windowMs: number, maxAttempts = 1_000): number {
  let elapsed = 0;
  let attempts = 1;
  while (elapsed < windowMs && attempts < maxAttempts) {
    elapsed += Math.min(backoff.maxDelayMs, backoff.delayMs * 2 ** Math.min(attempts - 1, 52));
    attempts++;
    if (backoff.delayMs <= 0 && backoff.maxDelayMs <= 0) break;
  }
  return attempts;
}
