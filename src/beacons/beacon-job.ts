/**
 * One server-side beacon: one tracking URL of one event of one ad in one session. It is
 * the payload of a `beacon` queue job, so it is plain JSON.
 */
import { createHash } from 'node:crypto';

/** Where the break sits, VAST's [BREAKPOSITION]: 1 pre-roll, 2 mid-roll, 3 post-roll, 4 standalone. */
export type BreakPosition = 'preroll' | 'midroll' | 'postroll' | 'standalone';

export interface BeaconViewer {
  /** The viewer's IP, as the session captured it at start. */
  readonly ip: string;
  readonly userAgent: string;
}

export interface BeaconContext {
  /** Position within the ad when the event happened. */
  readonly adPlayheadMs: number;
  /** Position within the content (the stream's media time). */
  readonly mediaPlayheadMs: number;
  readonly breakPosition: BreakPosition;
  /** 1-based position of the ad in its pod ([PODSEQUENCE]). */
  readonly podSequence: number;
  /** Ads in the break ([ADCOUNT]). */
  readonly adCount: number;
  /** VAST error code for `error` beacons ([ERRORCODE]). */
  readonly errorCode?: number;
  /** `registry value` pairs as VAST 4 spells them ([UNIVERSALADID]). */
  readonly universalAdId?: string;
}

export interface BeaconJob {
  /** Idempotency key: queue job id and X-Request-Id. See `beaconId`. */
  readonly id: string;
  readonly sessionId: string;
  /** The ad instance (this ad in this break of this session). */
  readonly adId: string;
  /** VAST event name: impression, start, firstQuartile, …, error. */
  readonly event: string;
  /** The tracking URL as VAST gave it, macros unfilled. */
  readonly url: string;
  readonly viewer: BeaconViewer;
  readonly context: BeaconContext;
  /** When playback reached the event (epoch ms): [TIMESTAMP], and the start of the retry window. */
  readonly firedAtMs: number;
  /**
   * Attempts made before this job's own: a retry job follows the attempt its batch made.
   * Absent on a first attempt (and on jobs queued before batches existed).
   */
  readonly attemptsBefore?: number;
}

/**
 * The first attempt of the beacons fired in one turn of the event loop, as one queue job:
 * a queue job costs far more than a loopback beacon (BullMQ: three scripts and a job hash),
 * so one per beacon made the queue, not the receivers, the limit. Each beacon keeps its own
 * id, ledger entry and X-Request-Id; one that needs a retry gets a job of its own.
 */
export interface BeaconBatch {
  readonly beacons: readonly BeaconJob[];
}

/** The batch's job id: the same beacons give the same id, so re-adding a batch is a queue no-op. */
export function beaconBatchId(beacons: readonly BeaconJob[]): string {
  const hash = createHash('sha256');
  for (const b of beacons) hash.update(b.id).update('\u0000');
  return `batch-${hash.digest('hex').slice(0, 32)}`;
}

/**
 * The beacon's idempotency key: the same (session, ad instance, event, URL index) gives
 * the same id on every instance, so a duplicate enqueue is a queue no-op and a receiver
 * can drop a replay after a worker crash. 32 hex digits (128 bits of SHA-256): a valid
 * queue job id and short enough for a header.
 */
export function beaconId(sessionId: string, adInstanceId: string, event: string, urlIndex: number): string {
  return createHash('sha256').update(`${sessionId}\u0000${adInstanceId}\u0000${event}\u0000${urlIndex}`).digest('hex').slice(0, 32);
}
