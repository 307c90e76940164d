/**
 * Builds the beacon pieces from what the composition root already made (STYLE §13):
 * tracker (once-marks in the session store), dispatcher over the app's JobQueue, ledger
 * (Redis with Redis, memory otherwise), sender, prom-client counters, and the two hooks the
 * player path calls (segment firing, plan recording).
 *
 * Delivery runs where `startWorker` is called: the service process (embedded default, and
 * with Redis unless `beacons.runWorkerInService` is false) and `interlude worker` processes
 * (`registerBeaconWorker`). BullMQ hands each beacon job to one of them.
 */
import type { Redis } from 'ioredis';
import type { BeaconConfig } from '../../config/index.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { JobQueue } from '../../queue/job-queue.js';
import type { SessionStore } from '../../sessions/session-store.js';
import { BeaconDispatcher } from '../beacon-dispatcher.js';
import { serverUserAgent } from '../beacon-headers.js';
import type { BeaconMetrics } from '../beacon-metrics.js';
import { createBeaconSender, type BeaconSender } from '../beacon-sender.js';
import { BeaconTracker } from '../beacon-tracker.js';
import type { BeaconLedger } from '../ledger/beacon-ledger.js';
import { MemoryBeaconLedger } from '../ledger/memory-beacon-ledger.js';
import { RedisBeaconLedger } from '../ledger/redis-beacon-ledger.js';
import { PlanRecorder } from './plan-recorder.js';
import { SegmentFiring } from './segment-firing.js';
import { SERVER_VERSION } from './server-version.js';

export interface BeaconServicesDeps {
  readonly beacons: BeaconConfig;
  readonly jobQueue: JobQueue;
  readonly sessionStore: SessionStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly nowMs: () => number;
  /** With Redis the ledger is shared by every instance and worker. */
  readonly redis?: Redis;
  readonly keyPrefix?: string;
  /** Ledger entries live this long after their last write (the session's idle TTL). */
  readonly ledgerTtlMs: number;
}

export interface BeaconServices {
  readonly tracker: BeaconTracker;
  readonly dispatcher: BeaconDispatcher;
  readonly ledger: BeaconLedger;
  readonly firing: SegmentFiring;
  readonly plans: PlanRecorder;
  /** `Interlude/<version> (+server-side)`. */
  readonly userAgent: string;
  /** Starts delivering beacons in this process; a second call does nothing. */
  startWorker(): Promise<void>;
  /** Waits for firings in flight to reach the queue, then closes the sender (not the queue). */
  close(): Promise<void>;
}

export function beaconMetricsOf(metrics: Metrics): BeaconMetrics {
  return {
    sent: (event) => metrics.beaconsSent.inc({ event }),
    retried: (event) => metrics.beaconsRetried.inc({ event }),
    failed: (event) => metrics.beaconsFailed.inc({ event }),
  };
}

export function createBeaconServices(d: BeaconServicesDeps): BeaconServices {
  const cfg = d.beacons;
  const userAgent = serverUserAgent(SERVER_VERSION);
  const ledger: BeaconLedger = d.redis === undefined
    ? new MemoryBeaconLedger({ ttlMs: d.ledgerTtlMs, nowMs: d.nowMs })
    : new RedisBeaconLedger(d.redis, { prefix: d.keyPrefix ?? '', ttlMs: d.ledgerTtlMs });
  let sender: BeaconSender | undefined;
  const lazySender: BeaconSender = {
    send: (url, headers) => (sender ??= createBeaconSender({ timeoutMs: cfg.attemptTimeoutMs, nowMs: d.nowMs })).send(url, headers),
    close: async () => sender?.close(),
  };
  const dispatcher = new BeaconDispatcher({
    queue: d.jobQueue, ledger, sender: lazySender, metrics: beaconMetricsOf(d.metrics), userAgent,
    maxRetryWindowMs: cfg.retryWindowMs,
    backoff: { type: 'exponential', ...cfg.backoff },
    concurrency: cfg.concurrency,
    nowMs: d.nowMs,
    onLedgerError: (e, beaconId) => d.logger.warn({ err: e, beaconId }, 'beacon ledger write failed; delivery goes on'),
  });
  const tracker = new BeaconTracker({ guard: d.sessionStore, enqueuer: dispatcher, nowMs: d.nowMs });
  const plans = new PlanRecorder();
  const firing = new SegmentFiring({ tracker, logger: d.logger, placement: (s, b) => plans.placement(s, b) });
  let worker: Promise<void> | undefined;
  return {
    tracker, dispatcher, ledger, firing, plans, userAgent,
    startWorker() {
      worker ??= dispatcher.startWorker();
      return worker;
    },
    async close() {
      await firing.drain();
      await lazySender.close();
      await ledger.close();
    },
  };
}
