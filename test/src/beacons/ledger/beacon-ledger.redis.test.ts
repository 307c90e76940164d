import { describe, expect, it } from 'vitest';
import { RedisBeaconLedger } from '../../../../src/beacons/ledger/redis-beacon-ledger.js';
import { openTestRedis } from '../../../support/redis.js';
import { beaconLedgerContract, entry } from '../../../contract/beacon-ledger.contract.js';

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

beaconLedgerContract('redis', () => {
  const redis = openTestRedis('bl');
  const ttlMs = 400;
  return Promise.resolve({
    ledger: new RedisBeaconLedger(redis.client, { prefix: redis.prefix, ttlMs }),
    ttlMs,
    pass: delay,
    close: () => redis.cleanup(),
  });
});

describe('RedisBeaconLedger specifics', () => {
  it('keeps a session in one hash under the session hash tag, with a TTL', async () => {
    const redis = openTestRedis('bl');
    try {
      const ledger = new RedisBeaconLedger(redis.client, { prefix: redis.prefix, ttlMs: 60_000 });
      await ledger.record(entry('sess-1', 'a'));
      await ledger.record(entry('sess-1', 'b'));
      const key = `${redis.prefix}b:{sess-1}`;
      expect(await redis.client.hlen(key)).toBe(2);
      expect(await redis.client.pttl(key)).toBeGreaterThan(50_000);
      await redis.client.hset(key, 'junk', 'not json');
      expect((await ledger.list('sess-1')).map((e) => e.id)).toEqual(['a', 'b']);
    } finally {
      await redis.cleanup();
    }
  });

  it('writes calls made in one turn of the event loop as one pipeline and one script command, in call order', async () => {
    const redis = openTestRedis('bl');
    try {
      const ledger = new RedisBeaconLedger(redis.client, { prefix: redis.prefix, ttlMs: 60_000 });
      let pipelines = 0;
      const pipeline = redis.client.pipeline.bind(redis.client);
      redis.client.pipeline = ((...a: Parameters<typeof pipeline>) => { pipelines += 1; return pipeline(...a); });
      // Connected first: a command queued while connecting passes sendCommand twice.
      await redis.client.ping();
      const commands: string[] = [];
      const send = redis.client.sendCommand.bind(redis.client);
      redis.client.sendCommand = ((command: Parameters<typeof send>[0], ...rest: unknown[]) => {
        commands.push(command.name);
        return (send as (...a: unknown[]) => unknown)(command, ...rest);
      });
      await Promise.all([
        ledger.record(entry('sess-a', 'x')),
        ledger.recordMany([entry('sess-b', 'y'), entry('sess-a', 'z')]),
        ledger.record(entry('sess-a', 'x', { state: 'sent', attempts: 1 })),
        ledger.record(entry('sess-a', 'x'), { onlyIfAbsent: true }),
      ]);
      expect(pipelines).toBe(1);
      expect(commands.filter((c) => ['hset', 'hsetnx', 'pexpire', 'evalsha', 'eval'].includes(c))).toHaveLength(1);
      expect((await ledger.list('sess-a')).map((e) => [e.id, e.state])).toEqual([['x', 'sent'], ['z', 'queued']]);
      expect((await ledger.list('sess-b')).map((e) => e.id)).toEqual(['y']);
      expect(await redis.client.pttl(`${redis.prefix}b:{sess-b}`)).toBeGreaterThan(50_000);
    } finally {
      await redis.cleanup();
    }
  });

  it('throws STORE_UNAVAILABLE when Redis does not answer', async () => {
    const redis = openTestRedis('bl');
    await redis.cleanup();
    const ledger = new RedisBeaconLedger(redis.client);
    await expect(ledger.list('s')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
