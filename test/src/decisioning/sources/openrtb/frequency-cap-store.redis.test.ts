import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisFrequencyCapStore } from '../../../../../src/decisioning/sources/openrtb/redis-frequency-cap-store.js';
import { frequencyCapStoreContract } from '../../../../contract/frequency-cap-store.contract.js';
import { openTestRedis } from '../../../../support/redis.js';

const redis = openTestRedis('fcap');
afterAll(() => redis.cleanup());

let run = 0;
// Each test gets its own prefix under the file's, so tests cannot see each other's counts.
frequencyCapStoreContract('redis', () => Promise.resolve({
  store: new RedisFrequencyCapStore(redis.client, { prefix: `${redis.prefix}${run++}:` }),
  close: () => Promise.resolve(),
}));

describe('RedisFrequencyCapStore', () => {
  it('keeps one sorted set per (viewer, domain) under the prefix, expiring after ttlMs', async () => {
    const store = new RedisFrequencyCapStore(redis.client, { prefix: `${redis.prefix}ttl:`, ttlMs: 60_000 });
    await store.record('ifa:v1', ['ford.com'], 1_700_000_000_000);
    const key = store.key('ifa:v1', 'ford.com');
    expect(key).toBe(`${redis.prefix}ttl:fcap:{ifa:v1}:ford.com`);
    expect(await redis.client.type(key)).toBe('zset');
    const ttl = await redis.client.pttl(key);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('keeps a set as long as the longest window that recorded into it, never shorter', async () => {
    const store = new RedisFrequencyCapStore(redis.client, { prefix: `${redis.prefix}win:`, ttlMs: 600_000 });
    const key = store.key('ifa:v1', 'ford.com');
    await store.record('ifa:v1', ['ford.com'], 1_700_000_000_000, 60_000);
    const hourly = await redis.client.pttl(key);
    expect(hourly).toBeGreaterThan(50_000);
    expect(hourly).toBeLessThanOrEqual(60_000);
    await store.record('ifa:v1', ['ford.com'], 1_700_000_000_000, 300_000);
    expect(await redis.client.pttl(key)).toBeGreaterThan(290_000);
    // a shorter window later does not cut the longer one short
    await store.record('ifa:v1', ['ford.com'], 1_700_000_000_000, 60_000);
    expect(await redis.client.pttl(key)).toBeGreaterThan(290_000);
    // and no window is kept past the store's ttlMs
    await store.record('ifa:v1', ['ford.com'], 1_700_000_000_000, 3_600_000);
    expect(await redis.client.pttl(key)).toBeLessThanOrEqual(600_000);
  });

  it('drops ads older than ttlMs when it records', async () => {
    const store = new RedisFrequencyCapStore(redis.client, { prefix: `${redis.prefix}prune:`, ttlMs: 60_000 });
    await store.record('ifa:v1', ['ford.com'], 1_000_000);
    await store.record('ifa:v1', ['ford.com'], 1_000_000 + 60_001);
    expect(await redis.client.zcard(store.key('ifa:v1', 'ford.com'))).toBe(1);
  });

  it('answers zeros and reports, never rejects, when Redis cannot answer', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    const errors: string[] = [];
    const store = new RedisFrequencyCapStore(dead, { onError: (_e, op) => errors.push(op) });
    const counts = await store.counts('ifa:v1', ['ford.com', 'kia.com'], 60_000, 1_700_000_000_000);
    expect([...counts]).toEqual([['ford.com', 0], ['kia.com', 0]]);
    await expect(store.record('ifa:v1', ['ford.com'], 1_700_000_000_000)).resolves.toBeUndefined();
    expect(errors).toEqual(['counts', 'record']);
    dead.disconnect();
  });
});
