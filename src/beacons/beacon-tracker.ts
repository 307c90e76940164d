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
  /** `markOnce` of each key of one session in one round trip. */
  markOnceMany?(sessionId: string, keys: readonly string[], ttlMs: number): Promise<boolean[]>;
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
    const [fired] = await this.fireAllOnce([{ sessionId, adInstanceId, event, urls, viewer, context }]);
    return fired ?? false;
  }

  /**
   * `fireOnce` of each event (one segment request's), with the beacons of every event this
   * call won queued together: one batch for the queue and the ledger instead of one per URL.
   * Per event, true when this call fired it. A failed enqueue keeps every mark and throws.
   */
  async fireAllOnce(events: readonly FireEvent[]): Promise<boolean[]> {
    const ttlMs = this.#o.markTtlMs ?? 24 * 60 * 60 * 1000;
    const won = await this.#mark(events, ttlMs);
    const firedAtMs = this.#now();
    const jobs: BeaconJob[] = [];
    events.forEach((e, k) => {
      if (won[k] !== true) return;
      e.urls.forEach((url, i) => jobs.push({
        id: beaconId(e.sessionId, e.adInstanceId, e.event, i), sessionId: e.sessionId, adId: e.adInstanceId, event: e.event, url,
        viewer: { ip: e.viewer.ip, userAgent: e.viewer.userAgent }, context: e.context, firedAtMs,
      }));
    });
    const enqueuer = this.#o.enqueuer;
    if (enqueuer.enqueueMany !== undefined) await enqueuer.enqueueMany(jobs);
    else await Promise.all(jobs.map((j) => enqueuer.enqueue(j)));
    return won;
  }

  /** The once-marks of the events that have URLs: one round trip per session when the guard batches. */
  async #mark(events: readonly FireEvent[], ttlMs: number): Promise<boolean[]> {
    const guard = this.#o.guard;
    const key = (e: FireEvent) => `beacon:${e.adInstanceId}:${e.event}`;
    const won = events.map(() => false);
    const bySession = new Map<string, number[]>();
    events.forEach((e, k) => {
      if (e.urls.length > 0) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), k]);
    });
    await Promise.all([...bySession].map(async ([sessionId, ks]) => {
      const marked = guard.markOnceMany !== undefined
        ? await guard.markOnceMany(sessionId, ks.map((k) => key(events[k] as FireEvent)), ttlMs)
        : await Promise.all(ks.map((k) => guard.markOnce(sessionId, key(events[k] as FireEvent), ttlMs)));
      ks.forEach((k, i) => { won[k] = marked[i] === true; });
    }));
    return won;
  }
}

/** One event to fire: its tracking URLs and what their macros need. */
export interface FireEvent {
  readonly sessionId: string;
  readonly adInstanceId: string;
  readonly event: string;
  readonly urls: readonly string[];
  readonly viewer: BeaconViewer;
  readonly context: BeaconContext;
}
