import { describe, expect, it } from 'vitest';
import { SendSlots } from '../../../src/beacons/send-slots.js';

describe('SendSlots', () => {
  it('runs at most `size` at once and serves waiters in arrival order', async () => {
    const slots = new SendSlots(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const work = (i: number) => slots.run(async () => {
      started.push(i);
      running += 1;
      peak = Math.max(peak, running);
      await new Promise<void>((r) => releases.push(r));
      running -= 1;
      return i;
    });
    const all = Promise.all([0, 1, 2, 3, 4].map(work));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    while (started.length < 5 || releases.length > 0) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await all).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('frees the slot when the work throws', async () => {
    const slots = new SendSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(() => Promise.resolve('next'))).toBe('next');
  });
});
