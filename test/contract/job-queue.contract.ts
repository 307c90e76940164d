// The one conformance suite of JobQueue (STYLE §12), run once per implementation:
// test/src/queue/in-process-queue.test.ts and test/src/queue/bullmq-queue.redis.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentJobError, QueueError, RetryableJobError } from '../../src/queue/job-errors.js';
import type { BackoffOptions, JobContext, JobInfo, JobQueue } from '../../src/queue/job-queue.js';

export interface QueueFixture {
  /**
   * A queue object on the fixture's backend; the suite closes it. BullMQ gives a new
   * object each call (all sharing Redis); in-process gives the same one (the process is
   * the backend).
   */
  open(): JobQueue;
  /** Cleans the backend after the test. */
  cleanup(): Promise<void>;
}

const FAST: BackoffOptions = { type: 'exponential', delayMs: 20, maxDelayMs: 100, jitter: 0 };

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

export function finished(queue: JobQueue, name: string, id: string, timeoutMs?: number): Promise<JobInfo> {
  return waitFor(async () => {
    const j = await queue.getJob(name, id);
    return j && (j.state === 'completed' || j.state === 'failed') ? j : undefined;
  }, `job ${id} to finish`, timeoutMs);
}

export function jobQueueContract(label: string, makeFixture: () => Promise<QueueFixture>): void {
  describe(`JobQueue contract: ${label}`, () => {
    let f: QueueFixture;
    let queues: JobQueue[];
    let name: string;
    const open = () => {
      const q = f.open();
      queues.push(q);
      return q;
    };
    beforeEach(async () => {
      f = await makeFixture();
      queues = [];
      name = `n-${randomUUID().slice(0, 8)}`;
    });
    afterEach(async () => {
      await Promise.all(queues.map((q) => q.close()));
      await f.cleanup();
    });

    it('dedupes by jobId: a second add returns the first job and the handler runs once', async () => {
      const q = open();
      const first = await q.add(name, { v: 1 }, { jobId: 'same-id' });
      await q.add(name, { v: 2 }, { jobId: 'same-id' });
      expect(first).toMatchObject({ id: 'same-id', name, state: 'waiting' });
      expect((await q.getJob(name, 'same-id'))?.data).toEqual({ v: 1 });
      const seen: unknown[] = [];
      await q.process(name, (job: JobContext) => {
        seen.push(job.data);
        return Promise.resolve('done');
      });
      const done = await finished(q, name, 'same-id');
      expect(done.state).toBe('completed');
      expect(done.returnValue).toBe('done');
      await q.add(name, { v: 3 }, { jobId: 'same-id' });
      expect(await q.getJob(name, 'same-id')).toMatchObject({ state: 'completed', data: { v: 1 } });
      await delay(100);
      expect(seen).toEqual([{ v: 1 }]);
    });

    it('dedupes across queue objects sharing a backend', async () => {
      const a = open();
      const b = open();
      await a.add(name, 'x', { jobId: 'shared' });
      await b.add(name, 'y', { jobId: 'shared' });
      expect((await b.getJob(name, 'shared'))?.data).toBe('x');
    });

    it('addBulk adds every job, dedupes each by jobId (in the batch and against held jobs), runs each once', async () => {
      const q = open();
      if (q.addBulk === undefined) return expect.fail('addBulk not implemented');
      await q.add(name, 'held', { jobId: 'b-held' });
      const receipts = await q.addBulk([
        { name, data: 'one', options: { jobId: 'b-one' } },
        { name, data: 'again', options: { jobId: 'b-held' } },
        { name, data: 'two', options: { jobId: 'b-two', delayMs: 50 } },
        { name, data: 'one-dup', options: { jobId: 'b-one' } },
      ]);
      expect(receipts.map((r) => [r.id, r.state])).toEqual([['b-one', 'waiting'], ['b-held', 'waiting'], ['b-two', 'delayed'], ['b-one', 'waiting']]);
      const seen: unknown[] = [];
      await q.process(name, (job: JobContext) => {
        seen.push(job.data);
        return Promise.resolve(null);
      });
      for (const id of ['b-held', 'b-one', 'b-two']) expect((await finished(q, name, id)).state).toBe('completed');
      await delay(100);
      expect([...seen].sort()).toEqual(['held', 'one', 'two']);
    });

    it('addBulk across queue objects dedupes against the other one, and rejects a bad id before adding anything', async () => {
      const a = open();
      const b = open();
      if (a.addBulk === undefined || b.addBulk === undefined) return expect.fail('addBulk not implemented');
      await a.addBulk([{ name, data: 'x', options: { jobId: 'c-1' } }]);
      await b.addBulk([{ name, data: 'y', options: { jobId: 'c-1' } }]);
      expect((await b.getJob(name, 'c-1'))?.data).toBe('x');
      await expect(b.addBulk([{ name, data: 'ok', options: { jobId: 'c-2' } }, { name, data: 'bad', options: { jobId: 'a:b' } }]))
        .rejects.toMatchObject({ code: 'QUEUE_BAD_JOB_ID' });
      expect(await b.getJob(name, 'c-2')).toBeUndefined();
      expect(await b.addBulk([])).toEqual([]);
    });

    it('retries with backoff until the handler succeeds', async () => {
      const q = open();
      const attempts: number[] = [];
      await q.process(name, (job: JobContext) => {
        attempts.push(job.attempt);
        if (job.attempt === 1) return Promise.reject(new RetryableJobError('first fails'));
        if (job.attempt === 2) return Promise.reject(new TypeError('plain errors are retried too'));
        return Promise.resolve({ ok: job.attempt });
      });
      await q.add(name, null, { jobId: 'retry-ok', attempts: 5, backoff: FAST });
      const done = await finished(q, name, 'retry-ok');
      expect(done).toMatchObject({ state: 'completed', attemptsMade: 3, returnValue: { ok: 3 } });
      expect(attempts).toEqual([1, 2, 3]);
    });

    it('stops at once on PermanentJobError', async () => {
      const q = open();
      let calls = 0;
      await q.process(name, () => {
        calls++;
        return Promise.reject(new PermanentJobError('404 is final'));
      });
      await q.add(name, null, { jobId: 'perm', attempts: 5, backoff: FAST });
      const done = await finished(q, name, 'perm');
      expect(done).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: '404 is final' });
      await delay(150);
      expect(calls).toBe(1);
    });

    it('fails with the last reason when attempts run out', async () => {
      const q = open();
      await q.process(name, (job: JobContext) => {
        expect(job.maxAttempts).toBe(3);
        return Promise.reject(new RetryableJobError(`attempt ${job.attempt} failed`));
      });
      await q.add(name, null, { jobId: 'exhaust', attempts: 3, backoff: FAST });
      const done = await finished(q, name, 'exhaust');
      expect(done).toMatchObject({ state: 'failed', attemptsMade: 3, failedReason: 'attempt 3 failed' });
    });

    it('runs at most `concurrency` handlers at once', async () => {
      const q = open();
      let inFlight = 0;
      let maxInFlight = 0;
      await q.process(name, async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await delay(120);
        inFlight--;
        return null;
      }, { concurrency: 3 });
      const ids = Array.from({ length: 9 }, (_, i) => `c-${i}`);
      for (const id of ids) await q.add(name, null, { jobId: id });
      for (const id of ids) await finished(q, name, id);
      expect(maxInFlight).toBe(3);
    });

    it('shows progress through getJob while the handler runs', async () => {
      const q = open();
      let release!: () => void;
      const gate = new Promise<void>((r) => { release = r; });
      await q.process(name, async (job: JobContext) => {
        await job.updateProgress({ step: 'half', pct: 50 });
        await gate;
        await job.updateProgress(100);
        return null;
      });
      await q.add(name, null, { jobId: 'progress' });
      const mid = await waitFor(async () => {
        const j = await q.getJob(name, 'progress');
        return j?.state === 'active' && typeof j.progress === 'object' ? j : undefined;
      }, 'progress');
      expect(mid.progress).toEqual({ step: 'half', pct: 50 });
      expect(await q.counts()).toMatchObject({ active: 1 });
      release();
      expect(await finished(q, name, 'progress')).toMatchObject({ state: 'completed', progress: 100 });
    });

    it('waits at least retryAfterMs before the next attempt', async () => {
      const q = open();
      const at: number[] = [];
      await q.process(name, (job: JobContext) => {
        at.push(Date.now());
        return job.attempt === 1 ? Promise.reject(new RetryableJobError('slow down', { retryAfterMs: 600 })) : Promise.resolve(null);
      });
      await q.add(name, null, { jobId: 'retry-after', attempts: 3, backoff: FAST });
      await finished(q, name, 'retry-after');
      expect(at).toHaveLength(2);
      expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(550);
      expect(at[1]! - at[0]!).toBeLessThan(3_000);
    });

    it('holds a delayed job back until its delay passed', async () => {
      const q = open();
      const started = Date.now();
      let ranAt = 0;
      await q.process(name, () => {
        ranAt = Date.now();
        return Promise.resolve(null);
      });
      await q.add(name, null, { jobId: 'later', delayMs: 400 });
      expect((await q.getJob(name, 'later'))?.state).toBe('delayed');
      await finished(q, name, 'later');
      expect(ranAt - started).toBeGreaterThanOrEqual(380);
    });

    it('counts jobs by state', async () => {
      const q = open();
      await q.add(name, null, { jobId: 'w1' });
      await q.add(name, null, { jobId: 'w2' });
      await q.add(name, null, { jobId: 'd1', delayMs: 60_000 });
      expect(await q.counts()).toEqual({ waiting: 2, active: 0, delayed: 1, failed: 0, completed: 0 });
    });

    it('close() waits for running handlers to finish', async () => {
      const q = open();
      let finishedHandler = false;
      let started!: () => void;
      const startedP = new Promise<void>((r) => { started = r; });
      await q.process(name, async () => {
        started();
        await delay(300);
        finishedHandler = true;
        return 'drained';
      });
      await q.add(name, null, { jobId: 'drain' });
      await startedP;
      await q.close();
      expect(finishedHandler).toBe(true);
      const reader = open();
      expect(await reader.getJob(name, 'drain')).toMatchObject({ state: 'completed', returnValue: 'drained' });
    });

    it('rejects ids BullMQ cannot hold, a second handler, and use after close', async () => {
      const q = open();
      await expect(q.add(name, null, { jobId: 'a:b' })).rejects.toBeInstanceOf(QueueError);
      await expect(q.add(name, null, { jobId: '123' })).rejects.toMatchObject({ code: 'QUEUE_BAD_JOB_ID' });
      await q.process(name, () => Promise.resolve(null));
      await expect(q.process(name, () => Promise.resolve(null))).rejects.toMatchObject({ code: 'QUEUE_HANDLER_EXISTS' });
      await q.close();
      await expect(q.add(name, null)).rejects.toMatchObject({ code: 'QUEUE_CLOSED' });
    });
  });
}
