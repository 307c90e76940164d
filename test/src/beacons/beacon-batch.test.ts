// One segment request's beacons as one batch: tracker → dispatcher → queue addBulk + one ledger write.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/errors/index.js';
import { BEACON_BATCH_JOB_NAME, BeaconDispatcher, MAX_BEACON_BATCH } from '../../../src/beacons/beacon-dispatcher.js';
import { beaconBatchId, beaconId, type BeaconJob } from '../../../src/beacons/beacon-job.js';
import { BeaconTracker, type FireEvent, type OnceGuard } from '../../../src/beacons/beacon-tracker.js';
import type { BeaconLedgerEntry, RecordOptions } from '../../../src/beacons/ledger/beacon-ledger.js';
import { MemoryBeaconLedger } from '../../../src/beacons/ledger/memory-beacon-ledger.js';
import { InProcessJobQueue } from '../../../src/queue/in-process-queue.js';
import type { BulkJob, JobQueue } from '../../../src/queue/job-queue.js';

const VIEWER = { ip: '192.0.2.1', userAgent: 'ua' };
const CONTEXT = { adPlayheadMs: 0, mediaPlayheadMs: 0, breakPosition: 'preroll' as const, podSequence: 1, adCount: 1 };
const ev = (event: string, urls: string[]): FireEvent => ({ sessionId: 's1', adInstanceId: 'b:a', event, urls, viewer: VIEWER, context: CONTEXT });

function guard(): OnceGuard {
  const marked = new Set<string>();
  return { markOnce: (s, k) => Promise.resolve(!marked.has(`${s}/${k}`) && marked.add(`${s}/${k}`).size > 0) };
}

/** `inner`, with the size of every addBulk pushed to `bulks` and single adds through `add`. */
function countingBulks(inner: InProcessJobQueue, bulks: number[], add: JobQueue['add']): JobQueue {
  return {
    add,
    addBulk: <T extends JsonValue>(jobs: readonly BulkJob<T>[]) => {
      bulks.push(jobs.length);
      return inner.addBulk(jobs);
    },
    process: (n, h, o) => inner.process(n, h, o),
    getJob: (n, id) => inner.getJob(n, id),
    counts: () => inner.counts(),
    close: () => inner.close(),
  };
}

describe('batched beacon enqueue', () => {
  it('fireAllOnce queues the URLs of every event it won in one enqueueMany, and nothing for events already fired', async () => {
    const batches: BeaconJob[][] = [];
    const tracker = new BeaconTracker({
      guard: guard(),
      enqueuer: { enqueue: () => Promise.reject(new Error('single enqueue used')), enqueueMany: (j) => { batches.push([...j]); return Promise.resolve(); } },
      nowMs: () => 7,
    });
    expect(await tracker.fireAllOnce([ev('impression', ['https://a/1', 'https://a/2']), ev('start', ['https://a/3']), ev('creativeView', [])]))
      .toEqual([true, true, false]);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((j) => j.id)).toEqual([beaconId('s1', 'b:a', 'impression', 0), beaconId('s1', 'b:a', 'impression', 1), beaconId('s1', 'b:a', 'start', 0)]);
    expect(await tracker.fireAllOnce([ev('impression', ['https://a/1']), ev('complete', ['https://a/9'])])).toEqual([false, true]);
    expect(batches[1]?.map((j) => j.event)).toEqual(['complete']);
  });

  it('dispatcher.enqueueMany makes one batch job (one addBulk) and one ledger write; a repeat adds and records nothing new', async () => {
    const inner = new InProcessJobQueue();
    const bulks: number[] = [];
    const queue = countingBulks(inner, bulks, (n, d, o) => inner.add(n, d, o));
    const memory = new MemoryBeaconLedger();
    const writes: Array<{ n: number; options: RecordOptions | undefined }> = [];
    const ledger = {
      record: (e: BeaconLedgerEntry, o?: RecordOptions) => memory.record(e, o),
      recordMany: (es: readonly BeaconLedgerEntry[], o?: RecordOptions) => { writes.push({ n: es.length, options: o }); return memory.recordMany(es, o); },
      list: (s: string) => memory.list(s),
      states: (refs: Parameters<MemoryBeaconLedger['states']>[0]) => memory.states(refs),
      close: () => memory.close(),
    };
    const dispatcher = new BeaconDispatcher({ queue, ledger, userAgent: 'interlude/test', nowMs: () => 5 });
    const job = (i: number): BeaconJob => ({ id: beaconId('s1', 'b:a', 'impression', i), sessionId: 's1', adId: 'b:a', event: 'impression', url: `https://t/${i}`, viewer: VIEWER, context: CONTEXT, firedAtMs: 1 });
    await dispatcher.enqueueMany([job(0), job(1), job(2)]);
    expect(bulks).toEqual([1]);
    expect(writes).toEqual([{ n: 3, options: { onlyIfAbsent: true } }]);
    expect((await memory.list('s1')).map((e) => [e.url, e.state])).toEqual([['https://t/0', 'queued'], ['https://t/1', 'queued'], ['https://t/2', 'queued']]);
    await memory.record({ ...(await memory.list('s1'))[0]!, state: 'sent', attempts: 1 });
    await dispatcher.enqueueMany([job(0), job(1), job(2)]);
    expect((await inner.counts()).waiting).toBe(1);
    expect((await memory.list('s1'))[0]?.state).toBe('sent');
    const batch = await inner.getJob(BEACON_BATCH_JOB_NAME, beaconBatchId([job(0), job(1), job(2)]));
    expect(batch?.data).toMatchObject({ beacons: [{ url: 'https://t/0' }, { url: 'https://t/1' }, { url: 'https://t/2' }] });
    await inner.close();
  });

  it('enqueueMany calls made in one turn of the event loop share one addBulk and one ledger write', async () => {
    const inner = new InProcessJobQueue();
    const bulks: number[] = [];
    const queue = countingBulks(inner, bulks, () => Promise.reject(new Error('single add used')));
    const memory = new MemoryBeaconLedger();
    const writes: number[] = [];
    const ledger = {
      record: (e: BeaconLedgerEntry, o?: RecordOptions) => memory.record(e, o),
      recordMany: (es: readonly BeaconLedgerEntry[], o?: RecordOptions) => { writes.push(es.length); return memory.recordMany(es, o); },
      list: (s: string) => memory.list(s),
      states: (refs: Parameters<MemoryBeaconLedger['states']>[0]) => memory.states(refs),
      close: () => memory.close(),
    };
    const dispatcher = new BeaconDispatcher({ queue, ledger, userAgent: 'interlude/test', nowMs: () => 5 });
    const job = (sid: string, event: string): BeaconJob => ({ id: beaconId(sid, 'b:a', event, 0), sessionId: sid, adId: 'b:a', event, url: `https://t/${sid}/${event}`, viewer: VIEWER, context: CONTEXT, firedAtMs: 1 });
    await Promise.all([
      dispatcher.enqueueMany([job('s1', 'impression'), job('s1', 'start')]),
      dispatcher.enqueueMany([job('s2', 'impression')]),
      dispatcher.enqueue(job('s3', 'complete')),
    ]);
    expect(bulks).toEqual([1]);
    expect(writes).toEqual([4]);
    expect((await memory.list('s2')).map((e) => e.state)).toEqual(['queued']);
    await inner.close();
  });

  it(`a turn with more than ${MAX_BEACON_BATCH} beacons is split into batches, all in one addBulk`, async () => {
    const inner = new InProcessJobQueue();
    const sizes: number[] = [];
    const queue: JobQueue = {
      ...countingBulks(inner, [], () => Promise.reject(new Error('single add used'))),
      addBulk: <T extends JsonValue>(jobs: readonly BulkJob<T>[]) => {
        sizes.push(...jobs.map((j) => (j.data as unknown as { beacons: unknown[] }).beacons.length));
        return inner.addBulk(jobs);
      },
    };
    const dispatcher = new BeaconDispatcher({ queue, ledger: new MemoryBeaconLedger(), userAgent: 'interlude/test', nowMs: () => 5 });
    const n = MAX_BEACON_BATCH * 2 + 3;
    await dispatcher.enqueueMany(Array.from({ length: n }, (_, i): BeaconJob => ({
      id: beaconId('s1', `b:${i}`, 'impression', 0), sessionId: 's1', adId: `b:${i}`, event: 'impression', url: `https://t/${i}`, viewer: VIEWER, context: CONTEXT, firedAtMs: 1,
    })));
    expect(sizes).toEqual([MAX_BEACON_BATCH, MAX_BEACON_BATCH, 3]);
    await inner.close();
  });

  it('a failed addBulk rejects every call of its batch and records nothing', async () => {
    const inner = new InProcessJobQueue();
    const queue: JobQueue = {
      add: () => Promise.reject(new Error('down')),
      addBulk: () => Promise.reject(new Error('down')),
      process: (n, h, o) => inner.process(n, h, o),
      getJob: (n, id) => inner.getJob(n, id),
      counts: () => inner.counts(),
      close: () => inner.close(),
    };
    const ledger = new MemoryBeaconLedger();
    const dispatcher = new BeaconDispatcher({ queue, ledger, userAgent: 'interlude/test', nowMs: () => 5 });
    const job = (sid: string): BeaconJob => ({ id: beaconId(sid, 'b:a', 'impression', 0), sessionId: sid, adId: 'b:a', event: 'impression', url: 'https://t/x', viewer: VIEWER, context: CONTEXT, firedAtMs: 1 });
    const results = await Promise.allSettled([dispatcher.enqueueMany([job('s1')]), dispatcher.enqueueMany([job('s2')])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await ledger.list('s1')).toEqual([]);
    await inner.close();
  });

  it('fireAllOnce marks one session\'s events with one markOnceMany when the guard has it', async () => {
    const calls: string[][] = [];
    const marked = new Set<string>();
    const batching: OnceGuard = {
      markOnce: () => Promise.reject(new Error('single mark used')),
      markOnceMany: (s, keys) => {
        calls.push([...keys]);
        return Promise.resolve(keys.map((k) => !marked.has(`${s}/${k}`) && marked.add(`${s}/${k}`).size > 0));
      },
    };
    const tracker = new BeaconTracker({ guard: batching, enqueuer: { enqueue: () => Promise.resolve(), enqueueMany: () => Promise.resolve() } });
    expect(await tracker.fireAllOnce([ev('impression', ['https://a/1']), ev('creativeView', []), ev('start', ['https://a/3'])])).toEqual([true, false, true]);
    expect(calls).toEqual([['beacon:b:a:impression', 'beacon:b:a:start']]);
    expect(await tracker.fireAllOnce([ev('start', ['https://a/3']), ev('firstQuartile', ['https://a/4'])])).toEqual([false, true]);
  });
});
