import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisChannelStore } from '../../../src/channels/redis-channel-store.js';
import { InterludeError } from '../../../src/errors/interlude-error.js';
import { channelStoreContract, sampleChannel } from '../../contract/channel-store.contract.js';
import { openTestRedis } from '../../support/redis.js';

const redis = openTestRedis('chan');
const peerClient = new Redis(redis.url, { maxRetriesPerRequest: 2 });
afterAll(async () => {
  peerClient.disconnect();
  await redis.cleanup();
});

let n = 0;
channelStoreContract('redis', () => {
  // a fresh key space per test, under the file's prefix (cleaned once at the end)
  const keyPrefix = `${redis.prefix}${n++}:`;
  return Promise.resolve({
    store: new RedisChannelStore({ redis: redis.client, keyPrefix }),
    peer: new RedisChannelStore({ redis: peerClient, keyPrefix }),
    close: () => Promise.resolve(),
  });
});

describe('RedisChannelStore specifics', () => {
  it('keeps one JSON record per channel and an index set, under the prefix', async () => {
    const keyPrefix = `${redis.prefix}layout:`;
    const store = new RedisChannelStore({ redis: redis.client, keyPrefix });
    await store.create(sampleChannel());
    expect(JSON.parse((await redis.client.get(`${keyPrefix}channel:news`))!)).toEqual(sampleChannel());
    expect(await redis.client.smembers(`${keyPrefix}channels`)).toEqual(['news']);
    await store.delete('news');
    expect(await redis.client.exists(`${keyPrefix}channel:news`, `${keyPrefix}channels`)).toBe(0);
  });

  it('keeps stores with different prefixes apart', async () => {
    const a = new RedisChannelStore({ redis: redis.client, keyPrefix: `${redis.prefix}pa:` });
    const b = new RedisChannelStore({ redis: redis.client, keyPrefix: `${redis.prefix}pb:` });
    await a.create(sampleChannel());
    expect(await b.get('news')).toBeUndefined();
    expect(await b.list()).toEqual([]);
  });

  it('rejects a corrupt record with STORE_CORRUPT', async () => {
    const keyPrefix = `${redis.prefix}corrupt:`;
    await redis.client.set(`${keyPrefix}channel:bad`, '{"id":"bad"}');
    await redis.client.sadd(`${keyPrefix}channels`, 'bad');
    const store = new RedisChannelStore({ redis: redis.client, keyPrefix });
    await expect(store.get('bad')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await expect(store.list()).rejects.toBeInstanceOf(InterludeError);
  });

  it('rejects with STORE_UNAVAILABLE when Redis cannot be reached', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    const store = new RedisChannelStore({ redis: dead, keyPrefix: 'x:' });
    await expect(store.get('news')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    dead.disconnect();
  });
});
