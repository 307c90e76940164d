// A worker process dies (SIGKILL) with a job in hand; BullMQ's stalled-job recovery gives
// the job to another worker, which completes it.
import { afterEach, describe, expect, it } from 'vitest';
import { BullMqJobQueue } from '../../../src/queue/bullmq-queue.js';
import type { JobContext } from '../../../src/queue/job-queue.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';
import { finished, waitFor } from '../../contract/job-queue.contract.js';
import { bullPrefix, spawnTsWorker, type ChildWorker } from './queue-fixtures.js';

const LOCK_MS = 1_000;

describe('BullMqJobQueue crash recovery', () => {
  let redis: TestRedis | undefined;
  let worker: ChildWorker | undefined;
  const queues: BullMqJobQueue[] = [];
  afterEach(async () => {
    await worker?.kill9();
    await Promise.all(queues.map((q) => q.close()));
    await redis?.cleanup();
  });

  it('a job whose worker was killed with SIGKILL is completed by a second worker', async () => {
    redis = openTestRedis('crash');
    const prefix = bullPrefix(redis.prefix);
    const producer = new BullMqJobQueue({ redisUrl: redis.url, prefix });
    queues.push(producer);
    await producer.add('crashy', { payload: 'survive' }, { jobId: 'crash-1', attempts: 1 });

    worker = spawnTsWorker(new URL('./fixtures/crash-worker.ts', import.meta.url), [redis.url, prefix, 'crashy', String(LOCK_MS)]);
    expect(await worker.waitForLine('started ')).toBe('started crash-1 attempt=1');
    await waitFor(async () => {
      const j = await producer.getJob('crashy', 'crash-1');
      return j?.state === 'active' && j.progress === 10 ? j : undefined;
    }, 'the child to report progress');
    await worker.kill9();

    const rescuer = new BullMqJobQueue({ redisUrl: redis.url, prefix, stalledIntervalMs: 500, lockDurationMs: LOCK_MS });
    queues.push(rescuer);
    const seen: unknown[] = [];
    await rescuer.process('crashy', (job: JobContext) => {
      seen.push(job.data);
      return Promise.resolve('rescued');
    });
    // attempts: 1 and still completed: a stall is not a failed attempt.
    const done = await finished(producer, 'crashy', 'crash-1', 15_000);
    expect(done).toMatchObject({ state: 'completed', returnValue: 'rescued' });
    expect(seen).toEqual([{ payload: 'survive' }]);
  });
});
