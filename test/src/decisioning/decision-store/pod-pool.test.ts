import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../manifests/index.js';
import { PodPool } from '../../../../src/decisioning/decision-store/pod-pool.js';

function pod(breakId: string, url = 'http://ads.test/imp'): Pod {
  return {
    breakId, source: 'vast', filledUs: 15_000_000, notes: [],
    ads: [{ id: 'a-1', sequence: 1, adId: 'a', creativeId: 'c', durationUs: 15_000_000, hlsUrl: 'http://ads.test/a.m3u8', tracking: { impression: [url] } }],
  };
}

// A real collection, so the test sees the pool let go (the flag applies to new contexts).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('PodPool', () => {
  it('hands out one frozen copy per distinct pod', () => {
    const pool = new PodPool();
    const first = pool.intern(pod('b1'));
    const again = pool.intern(pod('b1'));
    expect(again).toBe(first);
    expect(pool.intern(pod('b1', 'http://ads.test/other'))).not.toBe(first);
    expect(pool.intern(pod('b2'))).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.ads[0]?.tracking.impression)).toBe(true);
    expect(() => {
      (first.ads as Pod['ads'][number][]).push(first.ads[0] as Pod['ads'][number]);
    }).toThrow(TypeError);
    expect(pool.size).toBe(3);
  });

  it('forgets pods nobody holds any more, and keeps those still held', async () => {
    const pool = new PodPool();
    const held = pool.intern(pod('held'));
    pool.intern(pod('gone'));
    for (let i = 0; i < 20 && pool.size > 1; i++) {
      await new Promise((r) => setTimeout(r, 10));
      gc();
    }
    expect(pool.size).toBe(1);
    expect(pool.intern(pod('held'))).toBe(held);
  });
});
