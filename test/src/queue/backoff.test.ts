import { describe, expect, it } from 'vitest';
import { attemptsForWindow, backoffDelayMs } from '../../../src/queue/backoff.js';
import type { BackoffOptions } from '../../../src/queue/job-queue.js';

const B: BackoffOptions = { type: 'exponential', delayMs: 1_000, maxDelayMs: 300_000, jitter: 0 };

describe('backoffDelayMs', () => {
  it('doubles from delayMs and caps at maxDelayMs', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(B, n, undefined, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelayMs(B, 20, undefined, () => 0)).toBe(300_000);
    expect(backoffDelayMs(B, 5_000, undefined, () => 0)).toBe(300_000);
  });

  it('jitters downwards within [d·(1−jitter), d]', () => {
    const j = { ...B, jitter: 0.5 };
    expect(backoffDelayMs(j, 3, undefined, () => 0)).toBe(4_000);
    expect(backoffDelayMs(j, 3, undefined, () => 0.999_999)).toBe(2_000);
    expect(backoffDelayMs(j, 3, undefined, () => 0.5)).toBe(3_000);
  });

  it('never retries before a server\'s Retry-After, even past the cap', () => {
    expect(backoffDelayMs(B, 1, 30_000, () => 0)).toBe(30_000);
    expect(backoffDelayMs(B, 4, 10, () => 0)).toBe(8_000);
    expect(backoffDelayMs(B, 30, 900_000, () => 0)).toBe(900_000);
  });
});

describe('attemptsForWindow', () => {
  it('covers a one-hour window with 1 s doubling to 5 min', () => {
    const n = attemptsForWindow(B, 3_600_000);
    // 1+2+…+256 s = 511 s over 9 retries, then 5 min each: 11 more to pass 3600 s.
    expect(n).toBe(21);
    let total = 0;
    for (let i = 1; i < n; i++) total += backoffDelayMs(B, i, undefined, () => 0);
    expect(total).toBeGreaterThanOrEqual(3_600_000);
    expect(total - backoffDelayMs(B, n - 1, undefined, () => 0)).toBeLessThan(3_600_000);
  });

  it('gives one attempt for an empty window', () => {
    expect(attemptsForWindow(B, 0)).toBe(1);
  });
});
