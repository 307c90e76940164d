// Redis-only properties of the session store: one round-trip per playlist request, compact
// encoding (one packed hash per session), key layout for Cluster, fast failure when Redis is
// down, prefix isolation.
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Pod } from '../../../manifests/index.js';
import { RedisDecisionStore } from '../../../src/decisioning/decision-store/redis-decision-store.js';
import { createStateRedis } from '../../../src/sessions/redis-client.js';
import { RedisSessionStore } from '../../../src/sessions/redis-session-store.js';
import { encodeDecision, encodeSession } from '../../../src/sessions/state-codec.js';
import { STATE_DICTIONARY_V1 } from '../../../src/sessions/state-dictionary.js';
import { sessionKeys } from '../../../src/sessions/state-keys.js';
import { samplePod, sampleSession } from '../../contract/session-store.contract.js';
import { openTestRedis } from '../../support/redis.js';
import { freePort } from '../../support/free-port.js';
import { liveState } from './state-fixtures.js';

const redis = openTestRedis('sessr');
const extraClients: Redis[] = [];
afterAll(async () => {
  for (const c of extraClients) c.disconnect();
  await redis.cleanup();
});

async function freshClient(): Promise<Redis> {
  const c = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  extraClients.push(c);
  await c.ping();
  return c;
}

const TTL = 60_000;

/** A decision of several ads with tracking URLs: well over 64 B packed. */
function longPod(breakId: string): Pod {
  const ads = [1, 2].map((n) => {
    const ad = samplePod(breakId, `l${n}`).ads[0]!;
    const events = ['impression', 'start', 'midpoint', 'complete'] as const;
    return { ...ad, id: `${ad.adId}-${n}`, sequence: n, tracking: Object.fromEntries(events.map((e) => [e, [`https://t${n}.example/${e}?c=${n}`]])) };
  });
  return { ...samplePod(breakId), ads, filledUs: 30_000_000 };
}

/** Whether the test Redis keeps hashes of values up to 64 B as listpacks (its default). */
async function defaultListpackLimit(): Promise<boolean> {
  const reply = await redis.client.config('GET', 'hash-max-listpack-value').catch(() => []);
  return Array.isArray(reply) && reply[1] === '64';
}

describe('RedisSessionStore', () => {
  it('loads session, live state and decisions in one pipelined round-trip, and touches', async () => {
    const client = await freshClient();
    const sessions = new RedisSessionStore(client, { prefix: redis.prefix });
    const decisions = new RedisDecisionStore(client, { prefix: redis.prefix });
    const s = sampleSession();
    await sessions.create(s, TTL);
    await sessions.putLiveState(s.id, 'v0', { seq: 5 });
    await decisions.getOrCreate(s.id, 'b1', () => Promise.resolve(samplePod('b1')), TTL);
    await decisions.getOrCreate(s.id, 'b2', () => Promise.resolve(samplePod('b2')), TTL);
    await client.pexpire(sessionKeys(redis.prefix, s.id).state, 5_000);

    const writes = vi.spyOn(client.stream, 'write');
    const pipelines = vi.spyOn(client, 'pipeline');
    const loaded = await sessions.loadForPlaylist(s.id, 'v0', ['b1', 'b2', 'b9']);
    expect(writes).toHaveBeenCalledTimes(1);
    expect(pipelines).toHaveBeenCalledTimes(1);
    writes.mockRestore();
    pipelines.mockRestore();

    expect(loaded?.session).toEqual(s);
    expect(loaded?.liveState).toEqual({ seq: 5 });
    expect([...loaded!.decisions.keys()]).toEqual(['b1', 'b2']);
    expect(await client.pttl(sessionKeys(redis.prefix, s.id).state)).toBeGreaterThan(50_000);
  });

  it('costs one round-trip on a fresh connection too (the script goes as EVAL)', async () => {
    const seed = new RedisSessionStore(redis.client, { prefix: redis.prefix });
    const s = sampleSession();
    await seed.create(s, TTL);
    const client = await freshClient();
    const sessions = new RedisSessionStore(client, { prefix: redis.prefix });
    const writes = vi.spyOn(client.stream, 'write');
    expect((await sessions.loadForPlaylist(s.id, 'v0', ['b1']))?.session).toEqual(s);
    expect(writes).toHaveBeenCalledTimes(1);
    writes.mockRestore();
  });

  it('keeps a typical session under 512 bytes of Redis memory', async () => {
    const sessions = new RedisSessionStore(redis.client, { prefix: redis.prefix });
    const s = sampleSession({ playerParams: { device: 'ctv', app: 'news', consent: 'CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA' } });
    await sessions.create(s, TTL);
    const bytes = await redis.client.memory('USAGE', sessionKeys(redis.prefix, s.id).state);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(512);
  });

  it('keeps a session with its live state and a decision in one listpack hash under 512 B, values in chunks of at most 63 B', async () => {
    const sessions = new RedisSessionStore(redis.client, { prefix: redis.prefix });
    const decisions = new RedisDecisionStore(redis.client, { prefix: redis.prefix });
    const s = sampleSession();
    await sessions.create(s, TTL);
    const live = liveState(5);
    await sessions.putLiveState(s.id, 'v', live);
    await decisions.getOrCreate(s.id, 'b1', () => Promise.resolve(longPod('b1')), TTL);
    const k = sessionKeys(redis.prefix, s.id);
    const stored = await redis.client.hgetallBuffer(k.state);
    expect(Object.keys(stored).filter((f) => !/^[sld]\d/.test(f)).sort()).toEqual(['d:b1', 'l:v', 's']);
    expect(Object.keys(stored)).toContain('d1:b1');
    expect(Object.values(stored).every((v) => v.length <= 63)).toBe(true);
    expect(stored['l:v']!.length).toBeLessThan(JSON.stringify(live).length / 3);
    expect(await redis.client.memory('USAGE', k.state)).toBeLessThan(512);
    // What keeps it small: the compact encoding, which Redis drops for good once one value is too long.
    if (await defaultListpackLimit()) expect(await redis.client.object('ENCODING', k.state)).toBe('listpack');

    const loaded = await sessions.loadForPlaylist(s.id, 'v', ['b1']);
    expect(loaded?.session).toEqual(s);
    expect(loaded?.liveState).toEqual(live);
    expect(loaded?.decisions.get('b1')).toEqual(longPod('b1'));
    expect(await sessions.get(s.id)).toEqual(s);
    expect(await sessions.getAndTouch(s.id)).toEqual(s);
    expect(await sessions.getLiveState(s.id, 'v')).toEqual(live);
    expect(await decisions.get(s.id, 'b1')).toEqual(longPod('b1'));
    expect(await decisions.list(s.id)).toEqual([longPod('b1')]);
    // another instance (no flight of its own) gets the stored pod through the claim script
    expect(await new RedisDecisionStore(redis.client, { prefix: redis.prefix }).getOrCreate(s.id, 'b1', () => Promise.resolve(samplePod('b1', 'x')), TTL)).toEqual(longPod('b1'));
  });

  it('drops the chunk fields a shorter value no longer uses, and stores a value too long for the chunks whole', async () => {
    const sessions = new RedisSessionStore(redis.client, { prefix: redis.prefix });
    const s = sampleSession();
    await sessions.create(s, TTL);
    const k = sessionKeys(redis.prefix, s.id);
    await sessions.putLiveState(s.id, 'v', liveState(5));
    expect(await redis.client.hexists(k.state, 'l1:v')).toBe(1);
    await sessions.putLiveState(s.id, 'v', { seq: 1 });
    expect(await redis.client.hexists(k.state, 'l1:v')).toBe(0);
    expect(await sessions.getLiveState(s.id, 'v')).toEqual({ seq: 1 });
    const huge = { blob: randomBytes(600).toString('base64') };
    await sessions.putLiveState(s.id, 'v', huge);
    expect((await redis.client.hkeys(k.state)).filter((f) => f.endsWith(':v'))).toEqual(['l:v']);
    expect(await sessions.getLiveState(s.id, 'v')).toEqual(huge);
    expect((await sessions.loadForPlaylist(s.id, 'v', []))?.liveState).toEqual(huge);
  });

  it('reads values longer than 64 B stored in one field, as versions before chunking wrote them (format 1)', async () => {
    const sessions = new RedisSessionStore(redis.client, { prefix: redis.prefix });
    const decisions = new RedisDecisionStore(redis.client, { prefix: redis.prefix });
    const s = sampleSession({ userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36' });
    const key = sessionKeys(redis.prefix, s.id).state;
    const live = liveState(5);
    const v1 = (text: string) => Buffer.concat([Buffer.from([0x01]), deflateRawSync(Buffer.from(text), { level: 9, dictionary: STATE_DICTIONARY_V1 })]);
    const values = { s: Buffer.concat([Buffer.from(`${TTL}|`), v1(encodeSession(s))]), 'l:v': v1(JSON.stringify(live)), 'd:b1': v1(encodeDecision({ pod: longPod('b1'), decidedAtMs: 5 })) };
    expect(Object.values(values).every((v) => v.length > 64)).toBe(true);
    await redis.client.hset(key, values);
    await redis.client.pexpire(key, TTL);
    const loaded = await sessions.loadForPlaylist(s.id, 'v', ['b1']);
    expect(loaded?.session).toEqual(s);
    expect(loaded?.liveState).toEqual(live);
    expect(loaded?.decisions.get('b1')).toEqual(longPod('b1'));
    expect(await sessions.getAndTouch(s.id)).toEqual(s);
    expect(await decisions.getOrCreate(s.id, 'b1', () => Promise.resolve(samplePod('b1', 'other')), TTL)).toEqual(longPod('b1'));
    expect(await decisions.list(s.id)).toEqual([longPod('b1')]);
    // the next write replaces the old field with chunks
    await sessions.putLiveState(s.id, 'v', liveState(6));
    expect(await sessions.getLiveState(s.id, 'v')).toEqual(liveState(6));
  });

  it('puts every key of a session under one hash tag, inside the prefix, each with a TTL', async () => {
    const sessions = new RedisSessionStore(redis.client, { prefix: redis.prefix });
    const decisions = new RedisDecisionStore(redis.client, { prefix: redis.prefix });
    const s = sampleSession();
    await sessions.create(s, TTL);
    await sessions.putLiveState(s.id, 'video/1', { n: 1 });
    await sessions.markOnce(s.id, 'imp', TTL);
    await decisions.getOrCreate(s.id, 'b1', () => Promise.resolve(samplePod('b1')), TTL);
    const keys = await redis.client.keys(`*${s.id}*`);
    expect(keys.sort()).toEqual([sessionKeys(redis.prefix, s.id).state, sessionKeys(redis.prefix, s.id).once]);
    for (const key of keys) {
      expect(key.startsWith(redis.prefix)).toBe(true);
      expect(/\{([^}]*)\}/.exec(key)?.[1]).toBe(s.id);
      const pttl = await redis.client.pttl(key);
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(TTL);
    }
  });

  it('deletes only its own prefix\'s keys', async () => {
    const mine = new RedisSessionStore(redis.client, { prefix: `${redis.prefix}a:` });
    const theirs = new RedisSessionStore(redis.client, { prefix: `${redis.prefix}b:` });
    const s = sampleSession();
    await mine.create(s, TTL);
    await theirs.create(s, TTL);
    await mine.delete(s.id);
    expect(await mine.get(s.id)).toBeUndefined();
    expect(await theirs.get(s.id)).toEqual(s);
  });

  it('reports a stored value it cannot decode as STORE_CORRUPT', async () => {
    const sessions = new RedisSessionStore(redis.client, { prefix: redis.prefix });
    const decisions = new RedisDecisionStore(redis.client, { prefix: redis.prefix });
    const s = sampleSession();
    await sessions.create(s, TTL);
    const key = sessionKeys(redis.prefix, s.id).state;
    await redis.client.hset(key, 's', '60000|{"c":1}');
    const error: unknown = await sessions.get(s.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_CORRUPT', status: 500, context: { store: 'sessions', key: `s:{${s.id}}:h.s` } });
    await redis.client.hset(key, 's', '60000|not json');
    await expect(sessions.loadForPlaylist(s.id, 'v0', [])).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await redis.client.hset(key, 's', '{"no":"ttl"}');
    await expect(sessions.getAndTouch(s.id)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await sessions.create(s, TTL);
    await redis.client.hset(key, 'l:v0', Buffer.from([0x01, 0xff, 0x00, 0x13]), 'd:b1', Buffer.from([0x01, 0x42]));
    await expect(sessions.getLiveState(s.id, 'v0')).rejects.toMatchObject({ code: 'STORE_CORRUPT', context: { store: 'live-state' } });
    await expect(decisions.get(s.id, 'b1')).rejects.toMatchObject({ code: 'STORE_CORRUPT', context: { store: 'decisions' } });
    await expect(sessions.loadForPlaylist(s.id, 'v1', ['b1'])).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('reads plain JSON values, as versions before packing wrote them', async () => {
    const sessions = new RedisSessionStore(redis.client, { prefix: redis.prefix });
    const decisions = new RedisDecisionStore(redis.client, { prefix: redis.prefix });
    const s = sampleSession();
    const key = sessionKeys(redis.prefix, s.id).state;
    const plainSession = JSON.stringify({ c: s.channelId, o: s.originPath, f: 'h', p: s.playerParams, i: s.clientIp, u: s.userAgent, m: 's', t: s.createdAtMs });
    await redis.client.hset(key, 's', `${TTL}|${plainSession}`, 'l:v0', '{"seq":3}', 'd:b1', JSON.stringify({ a: 5, p: samplePod('b1') }));
    await redis.client.pexpire(key, TTL);
    const loaded = await sessions.loadForPlaylist(s.id, 'v0', ['b1']);
    expect(loaded?.session).toEqual(s);
    expect(loaded?.liveState).toEqual({ seq: 3 });
    expect(loaded?.decisions.get('b1')).toEqual(samplePod('b1'));
    expect(await decisions.getOrCreate(s.id, 'b1', () => Promise.resolve(samplePod('b1', 'other')), TTL)).toEqual(samplePod('b1'));
    expect(await decisions.list(s.id)).toEqual([samplePod('b1')]);
  });

  it('fails fast with STORE_UNAVAILABLE when Redis is unreachable', async () => {
    const port = await freePort();
    const client = createStateRedis(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 300, commandTimeoutMs: 500 });
    try {
      const sessions = new RedisSessionStore(client, { prefix: redis.prefix });
      const decisions = new RedisDecisionStore(client, { prefix: redis.prefix });
      const started = Date.now();
      const error: unknown = await sessions.get(sampleSession().id).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'InterludeError', code: 'STORE_UNAVAILABLE', status: 503, context: { store: 'redis' } });
      expect(JSON.stringify(error) + String(error)).not.toContain(String(port)); // no internal address in what clients see
      await expect(sessions.loadForPlaylist(sampleSession().id, 'v0', ['b1'])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(decisions.getOrCreate(sampleSession().id, 'b1', () => Promise.resolve(samplePod('b1')), TTL))
        .rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      client.disconnect();
    }
  });
});
