/**
 * A worker process (`interlude worker`): builds what job handlers need from config, against
 * Redis (a worker shares BullMQ with the service instances; without Redis there is nothing
 * to share, so it refuses to start), then runs every registration in WORKER_REGISTRATIONS.
 *
 * EXTENSION POINT: a kind of background job joins the worker by adding one row to
 * WORKER_REGISTRATIONS (name + start(host) → a stop function). Rows start in order and stop
 * in reverse, before the queue closes (so running handlers are told first, then drained).
 */
import { Redis } from 'ioredis';
import type { InterludeConfig } from '../config/index.js';
import { registerConditioningWorker } from '../conditioning/create-conditioning.js';
import { registerBeaconWorker } from '../beacons/wiring/index.js';
import { interludeError } from '../errors/index.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import { BullMqJobQueue, type BullMqQueueOptions } from '../queue/bullmq-queue.js';
import type { JobQueue } from '../queue/job-queue.js';
import { systemClock, type Clock } from '../sessions/clock.js';
import { RedisSessionStore } from '../sessions/redis-session-store.js';
import type { SessionStore } from '../sessions/session-store.js';

/** What every registration may use; the same shape the service's AppServices offers. */
export interface WorkerHost {
  readonly config: InterludeConfig;
  readonly jobQueue: JobQueue;
  readonly sessionStore: SessionStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly redis: Redis;
}

export interface WorkerRegistration {
  readonly name: string;
  /** Registers handlers on `host.jobQueue`; the returned function runs on shutdown. */
  start(host: WorkerHost): Promise<() => Promise<void> | void>;
}

export const WORKER_REGISTRATIONS: readonly WorkerRegistration[] = [
  {
    name: 'conditioning',
    async start(host) {
      if (!host.config.conditioning.enabled) return () => undefined;
      const worker = await registerConditioningWorker({ config: host.config, queue: host.jobQueue, logger: host.logger, registry: host.metrics.registry });
      return () => worker.stop();
    },
  },
  {
    name: 'beacons',
    async start(host) {
      const beacons = await registerBeaconWorker(host);
      // Handlers still running finish when the queue closes (after this), so the sender's
      // pool is not closed here: an in-flight beacon would fail and be sent again.
      return () => beacons.firing.drain();
    },
  },
];

export interface StartWorkersOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Default WORKER_REGISTRATIONS. */
  readonly registrations?: readonly WorkerRegistration[];
  /** BullMQ tuning (tests shorten the stalled-job check and the lock). */
  readonly queue?: Partial<Pick<BullMqQueueOptions, 'stalledIntervalMs' | 'lockDurationMs' | 'maxStalledCount'>>;
}

export interface RunningWorkers {
  readonly host: WorkerHost;
  readonly names: readonly string[];
  /** Stops the registrations (in reverse), lets running handlers finish, closes connections. */
  close(): Promise<void>;
}

/** Throws CONFIG_INVALID when `redis.url` (REDIS_URL) is not set. */
export async function startWorkers(config: InterludeConfig, options: StartWorkersOptions = {}): Promise<RunningWorkers> {
  const redisUrl = config.redis.url;
  if (redisUrl === undefined) {
    throw interludeError('CONFIG_INVALID', 'interlude worker needs REDIS_URL: workers share jobs with the service through Redis (BullMQ). Without Redis the service runs its jobs itself.', {
      issues: [{ path: 'redis.url', message: 'required for `interlude worker` (set REDIS_URL)' }],
    });
  }
  const logger = options.logger ?? createLogger({ level: config.logging.level });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const prefix = config.redis.keyPrefix;
  const jobQueue = new BullMqJobQueue({
    redisUrl, prefix: `${prefix}bull`, onError: (e) => logger.warn({ err: e }, 'job queue error'),
    ...options.queue,
  });
  const host: WorkerHost = {
    config, jobQueue, redis, logger,
    sessionStore: new RedisSessionStore(redis, { prefix }),
    metrics: createMetrics({ defaultMetrics: true }),
    clock: options.clock ?? systemClock,
  };
  const stops: (() => Promise<void> | void)[] = [];
  const names: string[] = [];
  try {
    for (const r of options.registrations ?? WORKER_REGISTRATIONS) {
      stops.push(await r.start(host));
      names.push(r.name);
    }
  } catch (e) {
    await jobQueue.close().catch(() => undefined);
    redis.disconnect();
    throw e;
  }
  logger.info({ workers: names, pid: process.pid }, 'interlude worker running');
  return {
    host,
    names,
    async close() {
      for (const stop of [...stops].reverse()) await stop();
      await jobQueue.close();
      await host.sessionStore.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
