/**
 * Server-side firing from the player's requests (the glue between the player path and the
 * beacon modules):
 *
 * - `onAdSegment`: the segment route's hook. Everything comes with the request: the stored
 *   pod (read by the redirect anyway), the segment id (break, ad, rendition playlist,
 *   segment index) and the ad's timeline in that rendition (segment durations of the cached
 *   creative playlist). So firing adds no store read beyond the once-mark, and works in
 *   every rendition (video or audio, any bitrate) with that rendition's own segmentation:
 *   quartiles are ad-relative times, and the (session, ad instance, event) mark keeps ABR
 *   switches, retries and other instances to one firing.
 * - `onPodDecided`: error beacons for the ads decisioning dropped (`Pod.dropped`), once per
 *   (session, break, ad), in both reporting modes (beacons/firing/error-beacons.ts says why).
 *
 * Nothing here delays the 302: the hook returns at once and the work starts on the next
 * turn of the event loop, after the response is written. It is durable from the enqueue on
 * (BullMQ with Redis); a process killed in the milliseconds between the 302 and the enqueue
 * loses those beacons. Failures are logged with the session id and never thrown.
 */
import type { Micros, PlannedBreak, Pod, PodAd } from '../../../manifests/index.js';
import type { AdSegmentRequest } from '../../manifest-service/playback-service.js';
import type { Logger } from '../../observability/logger.js';
import type { Session } from '../../sessions/session.js';
import type { BeaconTracker } from '../beacon-tracker.js';
import type { BreakPosition } from '../beacon-job.js';
import {
  beaconsForAdSegmentRequest, contextFor, eventsForSegment, segmentationFromDurations, shouldFireServerSide,
  type BeaconRequest,
} from '../firing/index.js';
import type { BreakPlacement } from './plan-recorder.js';

export interface SegmentFiringOptions {
  readonly tracker: BeaconTracker;
  readonly logger: Logger;
  /** Where the break sits, when this instance knows (plan-recorder.ts). */
  readonly placement?: (sessionId: string, breakId: string) => BreakPlacement | undefined;
}

/** Events OpenRTB's `burl` rides with: billing is owed when the impression is. */
const BILLING_EVENT = 'billing';

export class SegmentFiring {
  readonly #o: SegmentFiringOptions;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: SegmentFiringOptions) {
    this.#o = options;
  }

  /** The AdSegmentHook: returns at once. */
  readonly onAdSegment = (req: AdSegmentRequest): void => {
    if (!shouldFireServerSide(req.session)) return;
    this.#later(() => this.#fireSegment(req), req.session.id);
  };

  /** BreakDecider's onDecided: error beacons of dropped ads. */
  readonly onPodDecided = (session: Session, pod: Pod): void => {
    if ((pod.dropped ?? []).some((d) => d.errorUrls.length > 0)) this.#later(() => this.#fireDropped(session, pod), session.id);
  };

  /** Resolves when every firing started so far has enqueued (or failed); for shutdown and tests. */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  #later(work: () => Promise<void>, sessionId: string): void {
    const p = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((e: unknown) => this.#o.logger.warn({ err: e, sessionId }, 'server-side beacons not queued'))
      .finally(() => this.#pending.delete(p));
    this.#pending.add(p);
  }

  async #fireSegment(req: AdSegmentRequest): Promise<void> {
    const { session, id, pod, timeline } = req;
    const podAd = pod.ads[id.ad];
    if (podAd === undefined) return;
    if (timeline === undefined) {
      this.#o.logger.warn({ sessionId: session.id, breakId: id.breakId, adId: podAd.adId }, 'ad playlist timeline unavailable; no beacons for this request');
      return;
    }
    const placed = this.#o.placement?.(session.id, id.breakId);
    const brk = breakFromPod(pod, placed?.startUs ?? 0);
    const position = positionOf(id.breakId, placed);
    const out = beaconsForAdSegmentRequest({
      session, plan: brk, pod, timeline, breakPosition: position,
      ref: { kind: 'ad', breakId: id.breakId, podAdId: podAd.id, segment: id.segment, part: 'media' },
    });
    if (!out.ok) {
      this.#o.logger.warn({ sessionId: session.id, reason: out.error.reason, detail: out.error.detail }, 'ad segment request maps to no beacon events');
      return;
    }
    const requests: BeaconRequest[] = [...out.value];
    const billing = podAd.tracking[BILLING_EVENT] ?? [];
    const seg = eventsForSegment(segmentationFromDurations(timeline.segmentsUs), id.segment);
    if (billing.length > 0 && seg.some((e) => e.event === 'impression')) {
      const planned = brk.ads[id.ad];
      requests.push({
        sessionId: session.id, adInstanceId: `${id.breakId}:${podAd.id}`, event: BILLING_EVENT, urls: billing,
        viewer: { ip: session.clientIp, userAgent: session.userAgent },
        context: contextFor(podAd, position, pod.ads.length, 0, planned?.startUs ?? 0),
      });
    }
    // One batch: the request's events (impression, start, creativeView, billing…) share one queue and one ledger write.
    await this.#o.tracker.fireAllOnce(requests);
  }

  async #fireDropped(session: Session, pod: Pod): Promise<void> {
    const placed = this.#o.placement?.(session.id, pod.breakId);
    const position = positionOf(pod.breakId, placed);
    const viewer = { ip: session.clientIp, userAgent: session.userAgent };
    await Promise.all((pod.dropped ?? []).map((d, i) => {
      if (d.errorUrls.length === 0) return Promise.resolve(false);
      const stand: PodAd = { id: d.adId, sequence: i + 1, adId: d.adId, creativeId: '', durationUs: 0, hlsUrl: '', tracking: {} };
      const context = { ...contextFor(stand, position, pod.ads.length, 0, placed?.startUs ?? 0), errorCode: d.code };
      // `dropped:` keeps a dropped ad's mark apart from a playing ad with the same id
      return this.#o.tracker.fireOnce(session.id, `${pod.breakId}:dropped:${d.adId}`, 'error', d.errorUrls, viewer, context);
    }));
  }
}

/**
 * The break as the pod describes it, ads back to back from `startUs`. Segment spans are left
 * empty: the request's own timeline gives them (so any rendition works).
 */
export function breakFromPod(pod: Pod, startUs: Micros): PlannedBreak {
  let at = startUs;
  const ads = pod.ads.map((a) => {
    const planned = { podAdId: a.id, adId: a.adId, creativeId: a.creativeId, sequence: a.sequence, startUs: at, durationUs: a.durationUs, segments: [] };
    at += a.durationUs;
    return planned;
  });
  return { breakId: pod.breakId, startUs, durationUs: pod.filledUs, replacedUs: 0, ads, slateUs: 0, notes: [] };
}

/**
 * [BREAKPOSITION]: from the plan this instance built when it has it (live breaks are
 * mid-rolls, VOD at 0 a pre-roll); otherwise a configured break at offset 0 is a pre-roll
 * (manifests/splice/configured-breaks.ts names it `offset-0`) and anything else a mid-roll.
 */
function positionOf(breakId: string, placed: BreakPlacement | undefined): BreakPosition {
  if (placed !== undefined) return placed.position;
  return breakId === 'offset-0' ? 'preroll' : 'midroll';
}
