// Commands of many callers in one pipeline per event-loop turn (src/sessions/turn-pipeline.ts).
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { inTurnPipeline } from '../../../src/sessions/turn-pipeline.js';
import { RedisSessionStore } from '../../../src/sessions/redis-session-store.js';
import { sampleSession } from '../../contract/session-store.contract.js';
import { freePort } from '../../support/free-port.js';
import { openTestRedis } from '../../support/redis.js';

const redis = openTestRedis('turn');
const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis.cleanup();
});

async function client(url = redis.url): Promise<Redis> {
  const c = new Redis(url, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
  c.on('error', () => undefined);
  clients.push(c);
  if (url === redis.url) await c.connect();
  return c;
}

describe('inTurnPipeline', () => {
  it('sends the commands of calls made in one turn in one write; each caller gets its own replies in order', async () => {
    const c = await client();
    const k = `${redis.prefix}tp`;
    await c.set(`${k}:a`, 'A');
    await c.set(`${k}:b`, 'B');
    const writes = vi.spyOn(c.stream, 'write');
    const [first, second, third] = await Promise.all([
      inTurnPipeline(c, (p) => { p.get(`${k}:a`); p.get(`${k}:missing`); }),
      inTurnPipeline(c, (p) => { p.incr(`${k}:a`); }),
      inTurnPipeline(c, (p) => { p.get(`${k}:b`); p.strlen(`${k}:b`); p.set(`${k}:c`, 'C'); }),
    ]);
    expect(writes).toHaveBeenCalledTimes(1);
    writes.mockRestore();
    expect(first).toEqual([[null, 'A'], [null, null]]);
    // one command's error stays that caller's: INCR of a non-number fails, the others do not
    expect(second).toHaveLength(1);
    expect(second[0]?.[0]).toBeInstanceOf(Error);
    expect(third).toEqual([[null, 'B'], [null, 1], [null, 'OK']]);
  });

  it('builds at the end of the turn, so a caller can add to its commands until then; a build that throws fails only its caller', async () => {
    const c = await client();
    const k = `${redis.prefix}tp-late`;
    const keys: string[] = [];
    const gathered = inTurnPipeline(c, (p) => { for (const key of keys) p.set(key, 'v'); });
    keys.push(`${k}:1`, `${k}:2`);
    const failing = inTurnPipeline(c, () => { throw new TypeError('bad build'); });
    const after = inTurnPipeline(c, (p) => { p.mget(`${k}:1`, `${k}:2`); });
    await expect(failing).rejects.toThrow('bad build');
    expect(await gathered).toEqual([[null, 'OK'], [null, 'OK']]);
    expect(await after).toEqual([[null, ['v', 'v']]]);
  });

  it('starts a new pipeline on the next turn', async () => {
    const c = await client();
    const writes = vi.spyOn(c.stream, 'write');
    await inTurnPipeline(c, (p) => { p.ping(); });
    await inTurnPipeline(c, (p) => { p.ping(); });
    expect(writes).toHaveBeenCalledTimes(2);
    writes.mockRestore();
  });

  it('every caller of the turn learns that Redis did not answer', async () => {
    const c = await client(`redis://127.0.0.1:${await freePort()}`);
    const results = await Promise.allSettled([inTurnPipeline(c, (p) => { p.ping(); }), inTurnPipeline(c, (p) => { p.ping(); p.ping(); })]);
    // ioredis answers a pipeline it could not send either way: rejected, or every reply an error
    const outcome = results.map((r) => (r.status === 'rejected' ? 'rejected' : r.value.map(([e]) => (e instanceof Error ? 'error' : 'reply'))));
    expect([['rejected', 'rejected'], [['error'], ['error', 'error']]]).toContainEqual(outcome);
  });

  it('playlist loads and once-marks of concurrent requests share one write', async () => {
    const c = await client();
    const store = new RedisSessionStore(c, { prefix: redis.prefix });
    const [s1, s2] = [sampleSession(), sampleSession()];
    await store.create(s1, 60_000);
    await store.create(s2, 60_000);
    const writes = vi.spyOn(c.stream, 'write');
    const [l1, l2, marks] = await Promise.all([
      store.loadForPlaylist(s1.id, 'v0', []),
      store.loadForPlaylist(s2.id, 'v0', []),
      store.markOnceMany(s1.id, ['x', 'y', 'x'], 60_000),
    ]);
    expect(writes).toHaveBeenCalledTimes(1);
    writes.mockRestore();
    expect(l1?.session.id).toBe(s1.id);
    expect(l2?.session.id).toBe(s2.id);
    expect(marks).toEqual([true, true, false]);
  });
});
