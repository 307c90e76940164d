// Redis-only properties of the session store: one round-trip per playlist request, compact
// encoding (one packed hash per session), key layout for Cluster, fast failure when Redis is
// down, prefix isolation.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RedisDecisionStore } from '../../../src/decisioning/decision-store/redis-decision-store.js';
import { createStateRedis } from '../../../src/sessions/redis-client.js';
import { RedisSessionStore } from '../../../src/sessions/redis-session-store.js';
import { sessionKeys } from '../../../src/sessions/state-keys.js';
import { samplePod, sampleSession } from '../../contract/session-store.contract.js';
import { openTestRedis } from '../../support/redis.js';
import { freePort } from '../../support/free-port.js';

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

  it('keeps a session with its live state and a decision in one packed hash under 1 KiB', async () => {
    const sessions = new RedisSessionStore(redis.client, { prefix: redis.prefix });
    const decisions = new RedisDecisionStore(redis.client, { prefix: redis.prefix });
    const s = sampleSession();
    await sessions.create(s, TTL);
    const live = { version: 1, slots: Array.from({ length: 6 }, (_, i) => ({ k: `f:b1:${i}`, m: 100_000 + i, d: 1 })), firstMsn: 100_000, lastMsn: 100_005,
      inBreak: [], breaks: [{ id: 'b1', durationUs: 30_000_000, asContent: false, ended: true }], contentOffset: { msn: 0, disc: 0 }, targetDuration: 6 };
    await sessions.putLiveState(s.id, 'v', live);
    await decisions.getOrCreate(s.id, 'b1', () => Promise.resolve(samplePod('b1')), TTL);
    const k = sessionKeys(redis.prefix, s.id);
    const stored = await redis.client.hgetallBuffer(k.state);
    expect(Object.keys(stored).sort()).toEqual(['d:b1', 'l:v', 's']);
    expect(stored['l:v']!.length).toBeLessThan(JSON.stringify(live).length / 3);
    expect(await redis.client.memory('USAGE', k.state)).toBeLessThan(1024);
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
