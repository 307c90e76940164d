import { describe, expect, it } from 'vitest';
import { InProcessJobQueue } from '../../../src/queue/in-process-queue.js';
import { finished, jobQueueContract } from '../../contract/job-queue.contract.js';

jobQueueContract('in-process', () => {
  const queue = new InProcessJobQueue();
  return Promise.resolve({ open: () => queue, cleanup: () => Promise.resolve() });
});

describe('InProcessJobQueue retention', () => {
  it('forgets finished jobs after retentionMs, so their id can be added again', async () => {
    let now = 1_000;
    const q = new InProcessJobQueue({ retentionMs: 5_000, nowMs: () => now });
    let runs = 0;
    await q.process('r', () => Promise.resolve(++runs));
    await q.add('r', null, { jobId: 'keep' });
    await finished(q, 'r', 'keep');
    now += 4_000;
    expect((await q.add('r', null, { jobId: 'keep' })).state).toBe('completed');
    now += 2_000;
    expect(await q.getJob('r', 'keep')).toBeUndefined();
    await q.add('r', null, { jobId: 'keep' });
    expect(await finished(q, 'r', 'keep')).toMatchObject({ returnValue: 2 });
    await q.close();
  });

  it('keeps at most maxFinishedJobs finished jobs', async () => {
    const q = new InProcessJobQueue({ maxFinishedJobs: 2 });
    await q.process('m', () => Promise.resolve(null));
    for (const id of ['a', 'b', 'c']) {
      await q.add('m', null, { jobId: id });
      await finished(q, 'm', id);
    }
    expect(await q.getJob('m', 'a')).toBeUndefined();
    expect((await q.counts()).completed).toBe(2);
    await q.close();
  });
});
