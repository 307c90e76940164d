import { describe, expect, it } from 'vitest';
import { BullMqJobQueue } from '../../../src/queue/bullmq-queue.js';
import { RetryableJobError } from '../../../src/queue/job-errors.js';
import type { JobContext } from '../../../src/queue/job-queue.js';
import { openTestRedis } from '../../support/redis.js';
import { finished, jobQueueContract } from '../../contract/job-queue.contract.js';
import { bullPrefix } from './queue-fixtures.js';

jobQueueContract('bullmq', () => {
  const redis = openTestRedis('jq');
  return Promise.resolve({
    open: () => new BullMqJobQueue({ redisUrl: redis.url, prefix: bullPrefix(redis.prefix), stalledIntervalMs: 1_000, lockDurationMs: 2_000 }),
    cleanup: () => redis.cleanup(),
  });
});

describe('BullMqJobQueue specifics', () => {
  it('keeps every key under its prefix', async () => {
    const redis = openTestRedis('jq');
    const q = new BullMqJobQueue({ redisUrl: redis.url, prefix: bullPrefix(redis.prefix) });
    try {
      await q.add('keys', { a: 1 }, { jobId: 'k1' });
      const keys = await redis.client.keys(`${redis.prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => k.startsWith(`${redis.prefix}keys:`))).toBe(true);
    } finally {
      await q.close();
      await redis.cleanup();
    }
  });

  it('caps exponential delays at maxDelayMs (BullMQ\'s own exponential has no cap)', async () => {
    const redis = openTestRedis('jq');
    const q = new BullMqJobQueue({ redisUrl: redis.url, prefix: bullPrefix(redis.prefix) });
    try {
      const at: number[] = [];
      await q.process('cap', (job: JobContext) => {
        at.push(Date.now());
        return job.attempt < 4 ? Promise.reject(new RetryableJobError('again')) : Promise.resolve(null);
      });
      // Uncapped, the third delay would be 100·2² = 400 ms; capped it is 150.
      await q.add('cap', null, { jobId: 'cap1', attempts: 4, backoff: { type: 'exponential', delayMs: 100, maxDelayMs: 150, jitter: 0 } });
      await finished(q, 'cap', 'cap1');
      const gaps = at.slice(1).map((t, i) => t - at[i]!);
      expect(gaps[0]).toBeGreaterThanOrEqual(90);
      expect(gaps[2]).toBeGreaterThanOrEqual(140);
      expect(gaps[2]).toBeLessThan(380);
    } finally {
      await q.close();
      await redis.cleanup();
    }
  });
});
