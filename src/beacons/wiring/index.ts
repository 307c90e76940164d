// Server-side beacons wired into the service: firing hooks, delivery worker, ledger and tracking routes.
import type { Redis } from 'ioredis';
import type { InterludeConfig } from '../../config/index.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { JobQueue } from '../../queue/job-queue.js';
import type { SessionStore } from '../../sessions/session-store.js';
import { createBeaconServices, type BeaconServices } from './beacon-services.js';

export { createBeaconServices, beaconMetricsOf, type BeaconServices, type BeaconServicesDeps } from './beacon-services.js';
export { SegmentFiring, breakFromPod } from './segment-firing.js';
export { PlanRecorder, type BreakPlacement } from './plan-recorder.js';
export { trackingRendition } from './tracking-plan.js';
export { SERVER_VERSION } from './server-version.js';
export { BeaconWinLossNotifier, winLossBeaconJob, type BeaconWinLossNotifierOptions } from './win-loss-notifier.js';

/** What a worker process has built (AppServices has all of it). */
export interface BeaconWorkerHost {
  readonly config: InterludeConfig;
  readonly jobQueue: JobQueue;
  readonly sessionStore: SessionStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly clock: { nowMs(): number };
  readonly redis: Redis | undefined;
  /** When the host already built the beacon services (buildApp does), they are reused. */
  readonly beacons?: BeaconServices;
}

/**
 * Runs beacon delivery in this process (`interlude worker`; the service calls it itself).
 * Idempotent for hosts that carry `beacons`. The caller closes the returned services on
 * shutdown (before closing the queue) unless they came from the host.
 */
export async function registerBeaconWorker(services: BeaconWorkerHost): Promise<BeaconServices> {
  const beacons = services.beacons ?? createBeaconServices({
    beacons: services.config.beacons,
    jobQueue: services.jobQueue,
    sessionStore: services.sessionStore,
    metrics: services.metrics,
    logger: services.logger,
    nowMs: () => services.clock.nowMs(),
    ...(services.redis === undefined ? {} : { redis: services.redis, keyPrefix: services.config.redis.keyPrefix }),
    ledgerTtlMs: services.config.sessions.idleTtlSec * 1000,
  });
  await beacons.startWorker();
  services.metrics.setJobQueueDepthSource(async () => ({ ...(await services.jobQueue.counts()) }));
  services.logger.info({ concurrency: services.config.beacons.concurrency }, 'beacon delivery worker started');
  return beacons;
}
