import type { Micros } from './time.js';

/** A tracking event name as VAST spells it (impression, start, firstQuartile, …). */
export type TrackingEventName = string;

/**
 * One ad in a pod: a creative that is playable in HLS (its multivariant URL) and the beacons
 * it owes. `sequence` is its 1-based slot in the pod.
 */
export interface PodAd {
  /** Unique within the pod and stable across refreshes (source ad id + slot). */
  readonly id: string;
  readonly sequence: number;
  readonly adId: string;
  readonly creativeId: string;
  readonly universalAdId?: string;
  readonly durationUs: Micros;
  /** Multivariant playlist of the creative's HLS renditions. */
  readonly hlsUrl: string;
  /** Beacon URLs by event; `impression` and `error` included. */
  readonly tracking: Readonly<Record<TrackingEventName, readonly string[]>>;
}

/** The ads chosen for one break, in play order, and why any were left out. */
export interface Pod {
  readonly breakId: string;
  /** Name of the ad source that filled it ('vast', 'openrtb', 'demo', or 'none'). */
  readonly source: string;
  readonly ads: readonly PodAd[];
  /** Sum of the ads' durations. */
  readonly filledUs: Micros;
  /** Human-readable reasons for skipped ads or an empty pod (deadline, no HLS MediaFile …). */
  readonly notes: readonly string[];
  /**
   * Ads the source returned that will not play, with their VAST Error URLs and the VAST
   * error code that says why (403 no usable MediaFile, 405 conditioning failed, 301 wrapper
   * timeout, 303 no ads after wrappers …): the beacon layer fires them once per session.
   */
  readonly dropped?: readonly DroppedAd[];
}

/** One ad of a decision that will not play (see `Pod.dropped`). */
export interface DroppedAd {
  readonly adId: string;
  /** The ad's `<Error>` URLs, wrapper chain included; macros unfilled. */
  readonly errorUrls: readonly string[];
  /** VAST error code for [ERRORCODE]. */
  readonly code: number;
}

export function emptyPod(breakId: string, source: string, notes: readonly string[] = []): Pod {
  return { breakId, source, ads: [], filledUs: 0, notes };
}
