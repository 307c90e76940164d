// A beacon worker process is killed with SIGKILL while deliveries are in flight. After a
// second worker takes over, every beacon has reached the receiver at least once, and a
// receiver that dedupes on X-Request-Id counts each exactly once.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BeaconDispatcher } from '../../../src/beacons/beacon-dispatcher.js';
import { serverUserAgent } from '../../../src/beacons/beacon-headers.js';
import { beaconId } from '../../../src/beacons/beacon-job.js';
import { createBeaconSender, type BeaconSender } from '../../../src/beacons/beacon-sender.js';
import { RedisBeaconLedger } from '../../../src/beacons/ledger/redis-beacon-ledger.js';
import { BullMqJobQueue } from '../../../src/queue/bullmq-queue.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';
import { sendScripted, startLoopbackServer } from '../../support/loopback-server.js';
import { waitFor } from '../../contract/job-queue.contract.js';
import { bullPrefix, spawnTsWorker, type ChildWorker } from '../queue/queue-fixtures.js';
import { beaconFor } from './beacon-delivery.suite.js';

const LOCK_MS = 1_000;
const BEACONS = 20;

describe('beacon delivery survives a worker killed with kill -9', () => {
  let redis: TestRedis | undefined;
  let child: ChildWorker | undefined;
  let queues: BullMqJobQueue[] = [];
  let sender: BeaconSender | undefined;
  afterEach(async () => {
    await child?.kill9();
    await Promise.all(queues.map((q) => q.close()));
    await sender?.close();
    await redis?.cleanup();
    queues = [];
  });

  it('delivers every beacon, none twice to an idempotent receiver', async () => {
    redis = openTestRedis('bcrash');
    const prefix = bullPrefix(redis.prefix);
    const ledger = new RedisBeaconLedger(redis.client, { prefix: redis.prefix });
    // Slow answers keep several deliveries in flight when the worker dies.
    const rx = await startLoopbackServer((_req, res) => sendScripted(res, { delayMs: 250, status: 200 }));
    const seen = new Map<string, number>();
    const countIds = () => {
      seen.clear();
      for (const r of rx.requests) {
        const id = String(r.headers['x-request-id']);
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      return seen;
    };

    const producerQueue = new BullMqJobQueue({ redisUrl: redis.url, prefix });
    queues.push(producerQueue);
    const producer = new BeaconDispatcher({ queue: producerQueue, ledger, userAgent: serverUserAgent('test') });
    const sid = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < BEACONS; i++) {
      const job = beaconFor(sid, rx.url(`/b/${i}`), { id: beaconId(sid, `ad-${i}`, 'impression', 0), adId: `ad-${i}` });
      ids.push(job.id);
      await producer.enqueue(job);
    }

    child = spawnTsWorker(new URL('./fixtures/beacon-worker.ts', import.meta.url), [redis.url, prefix, redis.prefix, String(LOCK_MS)]);
    await child.waitForLine('ready');
    await waitFor(() => (rx.requests.length >= 5 ? true : undefined), 'the child to start delivering');
    await child.kill9();
    const beforeKill = rx.requests.length;
    expect(beforeKill).toBeLessThan(BEACONS);

    sender = createBeaconSender({ timeoutMs: 5_000 });
    const rescueQueue = new BullMqJobQueue({ redisUrl: redis.url, prefix, stalledIntervalMs: 500, lockDurationMs: LOCK_MS });
    queues.push(rescueQueue);
    const rescuer = new BeaconDispatcher({ queue: rescueQueue, ledger, sender, userAgent: serverUserAgent('test'), concurrency: 4 });
    await rescuer.startWorker();

    await waitFor(async () => {
      const entries = await ledger.list(sid);
      return entries.length === BEACONS && entries.every((e) => e.state === 'sent') ? true : undefined;
    }, 'every beacon to be sent', 25_000);

    const counts = countIds();
    for (const id of ids) expect(counts.get(id) ?? 0).toBeGreaterThanOrEqual(1);
    expect(counts.size).toBe(BEACONS);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    // The 5th request was in flight when the worker died, so at least one replay happened…
    expect(rx.requests.length).toBeGreaterThan(BEACONS);
    // …and replays happen only for deliveries the dead worker had in flight (concurrency 4).
    expect(rx.requests.length - BEACONS).toBeLessThanOrEqual(4);
  }, 40_000);
});
