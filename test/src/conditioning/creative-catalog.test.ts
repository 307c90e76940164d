// One suite for both catalogs (memory, Redis): first write wins, newest first, bounded.
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCreativeCatalog, RedisCreativeCatalog, type CatalogEntry, type CreativeCatalog } from '../../../src/conditioning/creative-catalog.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const entry = (id: string, firstSeenMs: number, adId = id): CatalogEntry => ({
  id, identity: `reg:${id}`, adId, sourceUrl: `http://ads.test/${id}.mp4`, channelId: 'ch', profileSetKey: 'pk', contentUrl: 'http://o.test/m.m3u8', firstSeenMs,
});

const redisHandles: TestRedis[] = [];
afterAll(async () => {
  for (const r of redisHandles) await r.cleanup();
});

const factories: Record<string, (max: number) => CreativeCatalog> = {
  memory: (max) => new MemoryCreativeCatalog(max),
  redis: (max) => {
    const r = openTestRedis('catalog');
    redisHandles.push(r);
    return new RedisCreativeCatalog(r.client, r.prefix, max);
  },
};

describe.each(Object.keys(factories))('CreativeCatalog (%s)', (name) => {
  const make = factories[name] as (max: number) => CreativeCatalog;

  it('keeps the first entry for an id (racing instances) and lists newest first', async () => {
    const c = make(100);
    await Promise.all([c.remember(entry('a', 1, 'first')), c.remember(entry('a', 2, 'second'))]);
    await c.remember(entry('b', 3));
    expect((await c.get('a'))?.adId).toMatch(/^(first|second)$/);
    await c.remember(entry('a', 9, 'later'));
    expect((await c.get('a'))?.adId).not.toBe('later');
    expect((await c.list(10)).map((e) => e.id)).toEqual(['b', 'a']);
    expect((await c.list(1)).map((e) => e.id)).toEqual(['b']);
    expect(await c.get('zzz')).toBeUndefined();
  });

  it('drops the oldest entries past its bound', async () => {
    const c = make(2);
    for (const [i, id] of ['x', 'y', 'z'].entries()) await c.remember(entry(id, 10 + i));
    expect((await c.list(10)).map((e) => e.id)).toEqual(['z', 'y']);
    expect(await c.get('x')).toBeUndefined();
  });
});
