/**
 * `error` beacons for an ad of the pod that will not play (pure): no supported MediaFile
 * (403), conditioning failed (405), media timeout (402), … The caller that drops the ad
 * calls `errorBeacons` and hands the answer to `BeaconTracker.fireOnce`, which keeps it to
 * one error per ad instance however many refreshes or instances drop the same ad.
 *
 * Errors are fired whatever the session's reporting mode: a client-side player only learns
 * about the ads that play (the tracking JSON lists nothing else), so nobody else can
 * report a dropped one.
 */
import type { Pod } from '../../../manifests/index.js';
import type { Session } from '../../sessions/session.js';
import { adInstanceId, breakPositionOf, findBreak, type BreakPositionHints, type PlanInput } from './break-context.js';
import { contextFor, type BeaconRequest } from './segment-beacons.js';
import type { VastErrorCode } from './vast-error-codes.js';

export interface ErrorBeaconInput extends BreakPositionHints {
  readonly session: Session;
  readonly pod: Pod;
  /** PodAd.id of the ad that will not play. */
  readonly podAdId: string;
  /** VAST error code ([ERRORCODE]); see VAST_ERROR. */
  readonly code: VastErrorCode;
  /**
   * The plan, when the break is in it: [MEDIAPLAYHEAD] becomes the break's start, [ADCOUNT]
   * the ads that do play, and the position follows `breakPositionOf`. Without it: media
   * playhead 0, ad count = the pod's ads, position from the hint or mid-roll.
   */
  readonly plan?: PlanInput;
}

/** The ad's `error` beacon with [ERRORCODE], or undefined when the ad has no Error URL. */
export function errorBeacons(input: ErrorBeaconInput): BeaconRequest | undefined {
  const { session, pod, podAdId, code } = input;
  const ad = pod.ads.find((a) => a.id === podAdId);
  const urls = ad?.tracking.error ?? [];
  if (ad === undefined || urls.length === 0) return undefined;
  const found = input.plan === undefined ? undefined : findBreak(input.plan, pod.breakId);
  const position = found === undefined ? (input.breakPosition ?? 'midroll') : breakPositionOf(found.brk, found.mode, input);
  const adCount = found === undefined ? pod.ads.length : found.brk.ads.length;
  const mediaUs = found?.brk.startUs ?? 0;
  return {
    sessionId: session.id,
    adInstanceId: adInstanceId(pod.breakId, ad.id),
    event: 'error',
    urls,
    viewer: { ip: session.clientIp, userAgent: session.userAgent },
    context: { ...contextFor(ad, position, adCount, 0, mediaUs), errorCode: code },
  };
}
