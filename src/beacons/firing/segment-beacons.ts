/**
 * Server-side firing: which beacons one ad-segment request triggers (pure; no I/O, no clock).
 *
 * The segment route calls `beaconsForAdSegmentRequest` on every request for an ad segment
 * and hands each answer to `BeaconTracker.fireOnce(b.sessionId, b.adInstanceId, b.event,
 * b.urls, b.viewer, b.context)`. Re-requests, retries, other instances and ABR switches
 * produce the same (session, ad instance, event) again: the tracker's mark makes the first
 * one win. This module only decides which events a request proves (trigger-points.ts).
 *
 * Break-level VMAP events: `breakStart` fires with the first segment of the break's first
 * ad, `breakEnd` with the last segment of its last ad, when the pod's ads carry URLs under
 * those names (a VMAP source attaches the AdBreak's trackers to its ads; copies on several
 * ads are merged, each URL once).
 */
import type { Micros, PlannedAd, Pod, PodAd, Result, Timeline } from '../../../manifests/index.js';
import { err, ok } from '../../../manifests/index.js';
import type { Session } from '../../sessions/session.js';
import type { BeaconContext, BeaconViewer, BreakPosition } from '../beacon-job.js';
import { adInstanceId, breakInstanceId, breakPositionOf, findBreak, usToMs, type BreakPositionHints, type PlanInput } from './break-context.js';
import { shouldFireServerSide } from './reporting-mode.js';
import { eventsForSegment, isContiguousFromStart, segmentationFromDurations, type AdSegmentation } from './trigger-points.js';

/** Everything `BeaconTracker.fireOnce` takes, for one event. */
export interface BeaconRequest {
  readonly sessionId: string;
  /** `${breakId}:${podAdId}` for ad events; the break id for breakStart / breakEnd. */
  readonly adInstanceId: string;
  readonly event: string;
  readonly urls: readonly string[];
  readonly viewer: BeaconViewer;
  readonly context: BeaconContext;
}

/** The parts of an `AdSegmentRef` (manifests/hls/write-splice.ts) that matter here. */
export interface AdSegmentRequestRef {
  readonly kind?: 'ad' | 'slate';
  readonly breakId: string;
  readonly podAdId: string;
  /** Index of the segment in the ad's media playlist. */
  readonly segment: number;
  /** Only 'media' requests are evidence of playback; init sections and keys are not. */
  readonly part?: 'media' | 'map' | 'key';
}

export interface SegmentBeaconInput extends BreakPositionHints {
  readonly session: Session;
  /** The plan of the rendition the request came from, or just its break. */
  readonly plan: PlanInput;
  /** The break's pod (decided once per session and break). */
  readonly pod: Pod;
  readonly ref: AdSegmentRequestRef;
  /**
   * The ad's segment durations in the requested rendition. Wins over the plan when given.
   * Needed in live once the ad's first segment has left the plan's window (the plan then
   * no longer says where segment k starts); VOD plans always list every segment.
   */
  readonly timeline?: Timeline;
}

/** Why a request could not be mapped to events (log it with the session id; fire nothing). */
export interface SegmentBeaconMiss {
  readonly reason: 'break-not-in-plan' | 'ad-not-in-plan' | 'ad-not-in-pod' | 'segment-unknown';
  readonly detail: string;
}

/**
 * The beacons a request for ad segment `ref.segment` triggers, in firing order. An empty
 * list for slate, init sections, keys, client-side reporting sessions and segments that
 * trigger nothing (the middle of an ad).
 */
export function beaconsForAdSegmentRequest(input: SegmentBeaconInput): Result<readonly BeaconRequest[], SegmentBeaconMiss> {
  const { session, pod, ref } = input;
  if (!shouldFireServerSide(session) || ref.kind === 'slate' || (ref.part !== undefined && ref.part !== 'media')) return ok([]);
  const found = findBreak(input.plan, ref.breakId);
  if (found === undefined) return err({ reason: 'break-not-in-plan', detail: `break ${ref.breakId}` });
  const { brk } = found;
  const adIndex = brk.ads.findIndex((a) => a.podAdId === ref.podAdId);
  const planned = brk.ads[adIndex];
  if (planned === undefined) return err({ reason: 'ad-not-in-plan', detail: `ad ${ref.podAdId} in break ${ref.breakId}` });
  const podAd = pod.ads.find((a) => a.id === ref.podAdId);
  if (podAd === undefined) return err({ reason: 'ad-not-in-pod', detail: `ad ${ref.podAdId} in pod of break ${pod.breakId}` });
  const seg = adSegmentation(planned, input.timeline);
  if (!seg.ok) return seg;
  if (ref.segment < 0 || ref.segment >= seg.value.segments.length) {
    return err({ reason: 'segment-unknown', detail: `segment ${ref.segment} of ad ${ref.podAdId}: ${seg.value.segments.length} known` });
  }

  const position = breakPositionOf(brk, found.mode, input);
  const viewer: BeaconViewer = { ip: session.clientIp, userAgent: session.userAgent };
  // Spelled out, not `{ ...base, adInstanceId, … }`: Node 20's V8 adds each key after a
  // leading spread through the runtime, and this runs for every ad segment request.
  const request = (adInstanceId: string, event: string, urls: readonly string[], adPlayheadUs: Micros, mediaUs: Micros): BeaconRequest =>
    ({ sessionId: session.id, adInstanceId, event, urls, viewer, context: contextFor(podAd, position, brk.ads.length, adPlayheadUs, mediaUs) });

  const out: BeaconRequest[] = [];
  const events = eventsForSegment(seg.value, ref.segment);
  const isFirstAd = adIndex === 0;
  const isLastAd = adIndex === brk.ads.length - 1;
  for (const e of events) {
    if (e.event === 'impression' && isFirstAd) {
      const urls = breakUrls(pod, 'breakStart');
      if (urls.length > 0) out.push(request(breakInstanceId(brk.breakId), 'breakStart', urls, 0, planned.startUs));
    }
    const urls = podAd.tracking[e.event] ?? [];
    if (urls.length > 0) out.push(request(adInstanceId(brk.breakId, podAd.id), e.event, urls, e.adOffsetUs, planned.startUs + e.adOffsetUs));
    if (e.event === 'complete' && isLastAd) {
      const endUrls = breakUrls(pod, 'breakEnd');
      if (endUrls.length > 0) out.push(request(breakInstanceId(brk.breakId), 'breakEnd', endUrls, e.adOffsetUs, planned.startUs + e.adOffsetUs));
    }
  }
  return ok(out);
}

/**
 * An ad's segments indexed by media-playlist position: from the rendition's timeline when
 * given, else from the plan when it still lists the ad from its first segment (VOD always;
 * live until segment 0 leaves the window). A live plan listing only a middle run of the ad
 * cannot say which index a span has, so that is a miss, not a guess.
 */
export function adSegmentation(planned: PlannedAd, timeline?: Timeline): Result<AdSegmentation, SegmentBeaconMiss> {
  if (timeline !== undefined) {
    const s = segmentationFromDurations(timeline.segmentsUs);
    if (isContiguousFromStart(s.segments)) return ok(s);
    return err({ reason: 'segment-unknown', detail: `ad ${planned.podAdId}: unusable timeline` });
  }
  if (isContiguousFromStart(planned.segments)) return ok({ durationUs: planned.durationUs, segments: planned.segments });
  return err({ reason: 'segment-unknown', detail: `ad ${planned.podAdId}: the plan does not list it from its first segment; pass its timeline` });
}

/** The break's VMAP tracker URLs under `event`, merged over the pod's ads, each URL once. */
export function breakUrls(pod: Pod, event: 'breakStart' | 'breakEnd'): string[] {
  const seen = new Set<string>();
  for (const ad of pod.ads) for (const url of ad.tracking[event] ?? []) seen.add(url);
  return [...seen];
}

export function contextFor(ad: PodAd, position: BreakPosition, adCount: number, adPlayheadUs: Micros, mediaPlayheadUs: Micros): BeaconContext {
  return {
    adPlayheadMs: usToMs(adPlayheadUs),
    mediaPlayheadMs: usToMs(mediaPlayheadUs),
    breakPosition: position,
    podSequence: ad.sequence,
    adCount,
    ...(ad.universalAdId === undefined ? {} : { universalAdId: ad.universalAdId }),
  };
}
