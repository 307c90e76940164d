/**
 * Exactly-once firing per (session, ad instance, event): the first caller across all
 * instances wins the session store's atomic mark and enqueues one job per tracking URL;
 * every other caller (a player re-requesting a segment, a second instance, a retry of
 * the segment request) gets `false` and sends nothing.
 *
 * If enqueueing fails after the mark (the queue's Redis is down), the event stays marked
 * and the error is thrown: the beacon is lost rather than possibly sent twice. The caller
 * logs it with the session id.
 */
import type { BeaconContext, BeaconJob, BeaconViewer } from './beacon-job.js';
import { beaconId } from './beacon-job.js';
import type { BeaconEnqueuer } from './beacon-dispatcher.js';

/** The one SessionStore method the tracker needs (src/sessions/session-store.ts). */
export interface OnceGuard {
  /** Atomic set-if-absent: true for the first caller of (session, key) only. */
  markOnce(sessionId: string, key: string, ttlMs: number): Promise<boolean>;
}

export interface BeaconTrackerOptions {
  readonly guard: OnceGuard;
  readonly enqueuer: BeaconEnqueuer;
  readonly nowMs?: () => number;
  /** How long a mark lives at least (the store keeps it as long as the session). Default 24 h. */
  readonly markTtlMs?: number;
}

export class BeaconTracker {
  readonly #o: BeaconTrackerOptions;
  readonly #now: () => number;

  constructor(options: BeaconTrackerOptions) {
    this.#o = options;
    this.#now = options.nowMs ?? Date.now;
  }

  /** True when this call fired the event (and queued its beacons). */
  async fireOnce(
    sessionId: string, adInstanceId: string, event: string, urls: readonly string[],
    viewer: BeaconViewer, context: BeaconContext,
  ): Promise<boolean> {
    if (urls.length === 0) return false;
    const first = await this.#o.guard.markOnce(sessionId, `beacon:${adInstanceId}:${event}`, this.#o.markTtlMs ?? 24 * 60 * 60 * 1000);
    if (!first) return false;
    const firedAtMs = this.#now();
    await Promise.all(urls.map((url, i) => {
      const job: BeaconJob = {
        id: beaconId(sessionId, adInstanceId, event, i), sessionId, adId: adInstanceId, event, url,
        viewer: { ip: viewer.ip, userAgent: viewer.userAgent }, context, firedAtMs,
      };
      return this.#o.enqueuer.enqueue(job);
    }));
    return true;
  }
}
