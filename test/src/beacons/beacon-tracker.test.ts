import { describe, expect, it } from 'vitest';
import type { BeaconEnqueuer } from '../../../src/beacons/beacon-dispatcher.js';
import { beaconId, type BeaconJob } from '../../../src/beacons/beacon-job.js';
import { BeaconTracker, type OnceGuard } from '../../../src/beacons/beacon-tracker.js';

const VIEWER = { ip: '192.0.2.1', userAgent: 'ua' };
const CONTEXT = { adPlayheadMs: 0, mediaPlayheadMs: 0, breakPosition: 'preroll' as const, podSequence: 1, adCount: 1 };

function setGuard(): OnceGuard & { keys: string[] } {
  const marked = new Set<string>();
  const keys: string[] = [];
  return {
    keys,
    markOnce(sessionId, key) {
      keys.push(`${sessionId}/${key}`);
      const k = `${sessionId}/${key}`;
      if (marked.has(k)) return Promise.resolve(false);
      marked.add(k);
      return Promise.resolve(true);
    },
  };
}

describe('BeaconTracker', () => {
  it('marks (session, ad instance, event) and queues one job per URL with stable ids', async () => {
    const jobs: BeaconJob[] = [];
    const enqueuer: BeaconEnqueuer = { enqueue: (j) => { jobs.push(j); return Promise.resolve(); } };
    const guard = setGuard();
    const tracker = new BeaconTracker({ guard, enqueuer, nowMs: () => 42 });
    expect(await tracker.fireOnce('s1', 'ad-a', 'complete', ['https://a/1', 'https://b/2'], VIEWER, CONTEXT)).toBe(true);
    expect(guard.keys).toEqual(['s1/beacon:ad-a:complete']);
    expect(jobs.map((j) => [j.id, j.url, j.event, j.adId, j.firedAtMs])).toEqual([
      [beaconId('s1', 'ad-a', 'complete', 0), 'https://a/1', 'complete', 'ad-a', 42],
      [beaconId('s1', 'ad-a', 'complete', 1), 'https://b/2', 'complete', 'ad-a', 42],
    ]);
    expect(await tracker.fireOnce('s1', 'ad-a', 'complete', ['https://a/1'], VIEWER, CONTEXT)).toBe(false);
    expect(jobs).toHaveLength(2);
  });

  it('does not mark an event that has no URLs', async () => {
    const guard = setGuard();
    const tracker = new BeaconTracker({ guard, enqueuer: { enqueue: () => Promise.resolve() } });
    expect(await tracker.fireOnce('s1', 'ad', 'midpoint', [], VIEWER, CONTEXT)).toBe(false);
    expect(guard.keys).toEqual([]);
  });

  it('surfaces an enqueue failure and keeps the mark (lost, never doubled)', async () => {
    const guard = setGuard();
    const boom = Object.assign(new Error('redis down'), { code: 'STORE_UNAVAILABLE' });
    const tracker = new BeaconTracker({ guard, enqueuer: { enqueue: () => Promise.reject(boom) } });
    await expect(tracker.fireOnce('s1', 'ad', 'start', ['https://a'], VIEWER, CONTEXT)).rejects.toBe(boom);
    expect(await tracker.fireOnce('s1', 'ad', 'start', ['https://a'], VIEWER, CONTEXT)).toBe(false);
  });
});
