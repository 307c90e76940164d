// Beacon delivery end to end through a real loopback receiver, run against both queue
// backends: beacon-delivery.memory.test.ts (in-process) and beacon-delivery.redis.test.ts (BullMQ).
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BeaconDispatcher } from '../../../src/beacons/beacon-dispatcher.js';
import { serverUserAgent } from '../../../src/beacons/beacon-headers.js';
import { beaconId, type BeaconJob } from '../../../src/beacons/beacon-job.js';
import type { BeaconMetrics } from '../../../src/beacons/beacon-metrics.js';
import { createBeaconSender, type BeaconSender } from '../../../src/beacons/beacon-sender.js';
import { BeaconTracker, type OnceGuard } from '../../../src/beacons/beacon-tracker.js';
import type { BeaconLedger, BeaconLedgerEntry } from '../../../src/beacons/ledger/beacon-ledger.js';
import type { JobQueue } from '../../../src/queue/job-queue.js';
import { scripted, startLoopbackServer, type LoopbackServer } from '../../support/loopback-server.js';
import { delay, waitFor } from '../../contract/job-queue.contract.js';
import { freePort } from '../../support/free-port.js';

export interface DeliveryBackend {
  readonly queue: JobQueue;
  readonly ledger: BeaconLedger;
  readonly guard: OnceGuard;
  close(): Promise<void>;
}

const UA = serverUserAgent('9.9.9');
const VIEWER = { ip: '198.51.100.23', userAgent: 'Mozilla/5.0 (SMART-TV; Tizen 6.0)' };
const CONTEXT = { adPlayheadMs: 0, mediaPlayheadMs: 61_500, breakPosition: 'midroll' as const, podSequence: 1, adCount: 2 };

export function countingMetrics(): BeaconMetrics & { readonly counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const bump = (what: string) => (event: string) => { counts[`${what}:${event}`] = (counts[`${what}:${event}`] ?? 0) + 1; };
  return { counts, sent: bump('sent'), retried: bump('retried'), failed: bump('failed') };
}

export function beaconFor(sessionId: string, url: string, over: Partial<BeaconJob> = {}): BeaconJob {
  return {
    id: beaconId(sessionId, 'ad-1', 'impression', 0), sessionId, adId: 'ad-1', event: 'impression', url,
    viewer: VIEWER, context: CONTEXT, firedAtMs: Date.now(), ...over,
  };
}

export function settled(ledger: BeaconLedger, sessionId: string, id: string, timeoutMs = 15_000): Promise<BeaconLedgerEntry> {
  return waitFor(async () => {
    const e = (await ledger.list(sessionId)).find((x) => x.id === id);
    return e && (e.state === 'sent' || e.state === 'failed') ? e : undefined;
  }, `beacon ${id} to settle`, timeoutMs);
}

export function beaconDeliverySuite(label: string, makeBackend: () => Promise<DeliveryBackend>): void {
  describe(`beacon delivery: ${label}`, () => {
    let backend: DeliveryBackend;
    let sender: BeaconSender;
    let metrics: ReturnType<typeof countingMetrics>;
    let sid: string;
    let dispatcher: BeaconDispatcher;
    const start = async (over: { timeoutMs?: number; maxRetryWindowMs?: number } = {}) => {
      sender = createBeaconSender({ timeoutMs: over.timeoutMs ?? 1_000 });
      dispatcher = new BeaconDispatcher({
        queue: backend.queue, ledger: backend.ledger, sender, metrics, userAgent: UA,
        backoff: { type: 'exponential', delayMs: 60, maxDelayMs: 200, jitter: 0.1 },
        maxRetryWindowMs: over.maxRetryWindowMs ?? 30_000,
      });
      await dispatcher.startWorker();
      return dispatcher;
    };
    beforeEach(async () => {
      backend = await makeBackend();
      metrics = countingMetrics();
      sid = randomUUID();
    });
    afterEach(async () => {
      await backend.close();
      await sender.close();
    });

    it('503, 503, 200: delivered once, the same URL each time, ledger says sent after 3 attempts', async () => {
      const rx = await startLoopbackServer(scripted({ status: 503 }, { status: 503 }, { status: 200 }));
      await start();
      const job = beaconFor(sid, rx.url('/imp?cb=[CACHEBUSTING]'));
      await dispatcher.enqueue(job);
      const done = await settled(backend.ledger, sid, job.id);
      expect(done).toMatchObject({ state: 'sent', attempts: 3, lastStatus: 200, event: 'impression', adId: 'ad-1' });
      expect(done.lastError).toBeUndefined();
      await delay(300);
      expect(rx.requests).toHaveLength(3);
      expect(new Set(rx.requests.map((r) => r.url)).size).toBe(1);
      expect(new Set(rx.requests.map((r) => r.headers['x-request-id'])).size).toBe(1);
      expect(metrics.counts).toEqual({ 'retried:impression': 2, 'sent:impression': 1 });
    });

    it('a receiver that hangs: the attempt times out and the retry delivers', async () => {
      const rx = await startLoopbackServer(scripted({ hang: true }, { status: 204 }));
      await start({ timeoutMs: 300 });
      const job = beaconFor(sid, rx.url('/hang'));
      await dispatcher.enqueue(job);
      const done = await settled(backend.ledger, sid, job.id);
      expect(done).toMatchObject({ state: 'sent', attempts: 2, lastStatus: 204 });
      expect(rx.requests).toHaveLength(2);
      expect(rx.requests[1]!.receivedAtMs - rx.requests[0]!.receivedAtMs).toBeGreaterThanOrEqual(280);
    });

    it('a receiver that is down (connection refused) gets the beacon once it is back', async () => {
      const port = await freePort();
      await start();
      const job = beaconFor(sid, `http://127.0.0.1:${port}/late`);
      await dispatcher.enqueue(job);
      const retrying = await waitFor(async () => (await backend.ledger.list(sid)).find((e) => e.state === 'retrying' && e.attempts >= 2), 'refused retries');
      expect(retrying.lastError).toMatch(/ECONNREFUSED/);
      const hits: string[] = [];
      const server = await listenOn(port, (url) => hits.push(url));
      try {
        const done = await settled(backend.ledger, sid, job.id);
        expect(done.state).toBe('sent');
        expect(done.attempts).toBeGreaterThan(retrying.attempts);
        await delay(300);
        expect(hits).toEqual(['/late']);
      } finally {
        await new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); });
      }
    });

    it('404 fails at once and is not retried', async () => {
      const rx = await startLoopbackServer(scripted({ status: 404 }, { status: 200 }));
      await start();
      const job = beaconFor(sid, rx.url('/gone'));
      await dispatcher.enqueue(job);
      const done = await settled(backend.ledger, sid, job.id);
      expect(done).toMatchObject({ state: 'failed', attempts: 1, lastStatus: 404, lastError: 'HTTP 404' });
      await delay(400);
      expect(rx.requests).toHaveLength(1);
      expect(metrics.counts).toEqual({ 'failed:impression': 1 });
    });

    it('honours Retry-After on 429', async () => {
      const rx = await startLoopbackServer(scripted({ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }));
      await start();
      const job = beaconFor(sid, rx.url('/busy'));
      await dispatcher.enqueue(job);
      expect(await settled(backend.ledger, sid, job.id)).toMatchObject({ state: 'sent', attempts: 2 });
      const gap = rx.requests[1]!.receivedAtMs - rx.requests[0]!.receivedAtMs;
      expect(gap).toBeGreaterThanOrEqual(950);
      expect(gap).toBeLessThan(4_000);
    });

    it('gives up when the retry window has passed', async () => {
      const rx = await startLoopbackServer(scripted({ status: 500 }));
      await start({ maxRetryWindowMs: 500 });
      const job = beaconFor(sid, rx.url('/down'));
      await dispatcher.enqueue(job);
      const done = await settled(backend.ledger, sid, job.id);
      expect(done).toMatchObject({ state: 'failed', lastStatus: 500 });
      expect(done.lastError).toMatch(/gave up/);
      expect(rx.requests.length).toBeGreaterThanOrEqual(2);
      expect(metrics.counts['failed:impression']).toBe(1);
    });

    it('sends the IAB SSAI headers and fills the macros (seen at the receiver)', async () => {
      const rx = await startLoopbackServer(scripted({ status: 200 }));
      await start();
      const job = beaconFor(sid, rx.url('/m?ss=[SERVERSIDE]&ip=[DEVICEIP]&ua=%%DEVICEUA%%&cua=[CLIENTUA]&mp=[MEDIAPLAYHEAD]&bp=[BREAKPOSITION]&ts=[TIMESTAMP]&cb=[CACHEBUSTING]&x=[NOT_A_VAST_MACRO]'),
        { firedAtMs: Date.UTC(2025, 5, 1, 12, 0, 0, 0) });
      await dispatcher.enqueue(job);
      await settled(backend.ledger, sid, job.id);
      const req = rx.requests[0]!;
      expect(req.method).toBe('GET');
      expect(req.headers).toMatchObject({
        'user-agent': 'Interlude/9.9.9 (+server-side)',
        'x-device-ip': VIEWER.ip,
        'x-device-user-agent': VIEWER.userAgent,
        'x-forwarded-for': VIEWER.ip,
        'x-request-id': job.id,
      });
      const q = new URL(req.url, rx.origin).searchParams;
      expect(q.get('ss')).toBe('1');
      expect(q.get('ip')).toBe(VIEWER.ip);
      expect(q.get('ua')).toBe(VIEWER.userAgent);
      expect(q.get('cua')).toBe(VIEWER.userAgent);
      expect(q.get('mp')).toBe('00:01:01.500');
      expect(q.get('bp')).toBe('2');
      expect(q.get('ts')).toBe('2025-06-01T12:00:00.000Z');
      expect(q.get('cb')).toMatch(/^\d{8}$/);
      expect(req.url).toContain('x=[NOT_A_VAST_MACRO]');
      const [entry] = await backend.ledger.list(sid);
      expect(entry!.url).toBe(new URL(req.url, rx.origin).href);
    });

    it('a duplicate enqueue of the same beacon changes nothing', async () => {
      const rx = await startLoopbackServer(scripted({ status: 200 }));
      await start();
      const job = beaconFor(sid, rx.url('/dup'));
      await dispatcher.enqueue(job);
      await settled(backend.ledger, sid, job.id);
      await dispatcher.enqueue(job);
      await delay(300);
      expect(rx.requests).toHaveLength(1);
      expect((await backend.ledger.list(sid))[0]).toMatchObject({ state: 'sent' });
    });

    it('a batch skips the beacons the ledger shows settled (a replay after a crash) and sends the rest', async () => {
      const rx = await startLoopbackServer(scripted({ status: 204 }));
      await start();
      const done = beaconFor(sid, rx.url('/done'), { id: beaconId(sid, 'ad-1', 'impression', 0) });
      const open = beaconFor(sid, rx.url('/open'), { id: beaconId(sid, 'ad-1', 'start', 0), event: 'start' });
      // the crashed worker had sent `done` and recorded it; `open` was still queued
      await backend.ledger.record({ id: done.id, sessionId: sid, adId: 'ad-1', event: 'impression', url: done.url, state: 'sent', attempts: 1, lastStatus: 204, firedAtMs: done.firedAtMs, updatedAtMs: Date.now() });
      await dispatcher.enqueueMany([done, open]);
      expect(await settled(backend.ledger, sid, open.id)).toMatchObject({ state: 'sent', attempts: 1 });
      await delay(300);
      expect(rx.requests.map((r) => r.url)).toEqual(['/open']);
      expect(metrics.counts).toEqual({ 'sent:start': 1 });
    });

    it('fireOnce: 200 concurrent calls for one (session, ad, event) deliver each URL exactly once', async () => {
      const rx = await startLoopbackServer(scripted({ delayMs: 20, status: 200 }));
      await start();
      const tracker = new BeaconTracker({ guard: backend.guard, enqueuer: dispatcher });
      const urls = [rx.url('/t1?cb=[CACHEBUSTING]'), rx.url('/t2')];
      const results = await Promise.all(Array.from({ length: 200 }, () => tracker.fireOnce(sid, 'ad-7', 'start', urls, VIEWER, CONTEXT)));
      expect(results.filter(Boolean)).toHaveLength(1);
      for (const i of [0, 1]) await settled(backend.ledger, sid, beaconId(sid, 'ad-7', 'start', i));
      await delay(300);
      expect(rx.requests.map((r) => r.url.split('?')[0]).sort()).toEqual(['/t1', '/t2']);
      expect(await tracker.fireOnce(sid, 'ad-7', 'start', urls, VIEWER, CONTEXT)).toBe(false);
      expect(await tracker.fireOnce(sid, 'ad-7', 'firstQuartile', urls, VIEWER, CONTEXT)).toBe(true);
    });
  });
}

function listenOn(port: number, onRequest: (url: string) => void): Promise<Server> {
  const server = createServer((req, res) => {
    onRequest(req.url ?? '/');
    res.writeHead(200).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export type { LoopbackServer };
