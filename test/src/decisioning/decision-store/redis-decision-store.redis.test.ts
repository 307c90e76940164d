// Single flight across service instances: two stores with their own Redis connections
// share one decision; a dead decider's marker expires and someone else decides.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../manifests/index.js';
import { RedisDecisionStore, type RedisDecisionStoreOptions } from '../../../../src/decisioning/decision-store/redis-decision-store.js';
import { sessionKeys } from '../../../../src/sessions/state-keys.js';
import { samplePod } from '../../../contract/session-store.contract.js';
import { openTestRedis } from '../../../support/redis.js';

const redis = openTestRedis('decr');
const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis.cleanup();
});

const TTL = 60_000;
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A store as another service instance would have it: its own connection. */
function instance(options: RedisDecisionStoreOptions = {}): RedisDecisionStore {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return new RedisDecisionStore(client, { prefix: redis.prefix, pollIntervalMs: 10, ...options });
}

describe('RedisDecisionStore across instances', () => {
  it('decides once for 2 instances × 25 concurrent callers', async () => {
    const [a, b] = [instance(), instance()];
    const id = randomUUID();
    const calls: string[] = [];
    const decideAs = (who: string) => async (): Promise<Pod> => {
      calls.push(who);
      await delay(50);
      return samplePod('b1', who);
    };
    const pods = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      (i % 2 === 0 ? a : b).getOrCreate(id, 'b1', decideAs(i % 2 === 0 ? 'a' : 'b'), TTL)));
    expect(calls).toHaveLength(1);
    for (const p of pods) expect(p).toEqual(samplePod('b1', calls[0]));
    expect(await redis.client.exists(sessionKeys(redis.prefix, id).lock('b1'))).toBe(0);
  });

  it('takes over when the winner died: its marker expires and the next poll decides', async () => {
    const b = instance({ lockTtlMs: 300 });
    const id = randomUUID();
    // A crashed instance left its pending marker behind.
    await redis.client.set(sessionKeys(redis.prefix, id).lock('b1'), 'dead-token', 'PX', 300);
    const started = Date.now();
    const pod = await b.getOrCreate(id, 'b1', () => Promise.resolve(samplePod('b1', 'survivor')), TTL);
    expect(pod).toEqual(samplePod('b1', 'survivor'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('never lets a decider whose marker expired replace the stored pod', async () => {
    const [slow, fast] = [instance({ lockTtlMs: 150 }), instance({ lockTtlMs: 150 })];
    const id = randomUUID();
    const slowPod = slow.getOrCreate(id, 'b1', async () => { await delay(500); return samplePod('b1', 'slow'); }, TTL);
    await delay(250); // slow's marker has expired; it is still deciding
    const fastPod = await fast.getOrCreate(id, 'b1', () => Promise.resolve(samplePod('b1', 'fast')), TTL);
    expect(fastPod).toEqual(samplePod('b1', 'fast'));
    expect(await slowPod).toEqual(samplePod('b1', 'fast'));
    expect(await fast.get(id, 'b1')).toEqual(samplePod('b1', 'fast'));
  });

  it('gives up with AD_SOURCE_TIMEOUT (source decision-store) after its max wait', async () => {
    const store = instance({ lockTtlMs: 10_000, maxWaitMs: 200 });
    const id = randomUUID();
    await redis.client.set(sessionKeys(redis.prefix, id).lock('b1'), 'busy', 'PX', 10_000);
    const started = Date.now();
    await expect(store.getOrCreate(id, 'b1', () => Promise.resolve(samplePod('b1')), TTL))
      .rejects.toMatchObject({ name: 'InterludeError', code: 'AD_SOURCE_TIMEOUT', context: { source: 'decision-store', breakId: 'b1' } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('frees the break at once when decide rejects, so another instance need not wait', async () => {
    const [a, b] = [instance({ lockTtlMs: 10_000 }), instance({ lockTtlMs: 10_000, maxWaitMs: 300 })];
    const id = randomUUID();
    await expect(a.getOrCreate(id, 'b1', () => Promise.reject(new TypeError('bug')), TTL)).rejects.toThrow('bug');
    expect(await redis.client.exists(sessionKeys(redis.prefix, id).lock('b1'))).toBe(0);
    expect(await b.getOrCreate(id, 'b1', () => Promise.resolve(samplePod('b1', 'b')), TTL)).toEqual(samplePod('b1', 'b'));
  });

  it('holds a pending marker only for lockTtlMs', async () => {
    const store = instance({ lockTtlMs: 2_000 });
    const id = randomUUID();
    let release!: (p: Pod) => void;
    const pending = store.getOrCreate(id, 'b1', () => new Promise<Pod>((r) => { release = r; }), TTL);
    await delay(50);
    const pttl = await redis.client.pttl(sessionKeys(redis.prefix, id).lock('b1'));
    expect(pttl).toBeGreaterThan(1_000);
    expect(pttl).toBeLessThanOrEqual(2_000);
    release(samplePod('b1'));
    expect(await pending).toEqual(samplePod('b1'));
  });
});
