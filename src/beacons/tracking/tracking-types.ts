/**
 * The client-side tracking document of `GET /v1/tracking/:session`, in AWS Elemental
 * MediaTailor's shape so players and SDKs written for it read ours unchanged (the subset
 * that describes linear ads; MediaTailor's nonLinearAvails is always empty here).
 *
 * Times are on the session playlist's timeline: HLS VOD, seconds from the first segment of
 * the stitched playlist; live, seconds from the first segment of the window the plan was made
 * for (so they can be negative), with `…ProgramDateTime` as the stable anchor when the content
 * has PDT. `…InSeconds` values are rounded down to the millisecond; `startTime` / `duration`
 * are the same values as ISO 8601 durations ("PT17.817S"), as MediaTailor also sends them.
 */

export interface TrackingEventJson {
  readonly eventType: string;
  readonly beaconUrls: readonly string[];
  /**
   * Output media sequence number of the segment whose start of playback is the event, when
   * the plan lists it (MediaTailor's HLS convention), else `<availId>:<podAdId>:<eventType>`.
   */
  readonly eventId: string;
  readonly startTimeInSeconds: number;
  readonly startTime: string;
  /** The ad's duration for `impression` (as MediaTailor does), 0 for point events. */
  readonly durationInSeconds: number;
  readonly duration: string;
  readonly eventProgramDateTime: string | null;
}

export interface TrackingAdJson {
  readonly adId: string;
  readonly creativeId: string;
  /** The ad's 1-based slot in its pod. */
  readonly creativeSequence: string;
  readonly startTimeInSeconds: number;
  readonly startTime: string;
  readonly durationInSeconds: number;
  readonly duration: string;
  readonly adProgramDateTime: string | null;
  readonly trackingEvents: readonly TrackingEventJson[];
}

/** A VMAP AdBreak-level tracker (breakStart / breakEnd). */
export interface BreakTrackingEventJson {
  readonly eventType: string;
  readonly beaconUrls: readonly string[];
  readonly startTimeInSeconds: number;
}

export interface TrackingAvailJson {
  /** The break id (stable across refreshes). */
  readonly availId: string;
  readonly startTimeInSeconds: number;
  readonly startTime: string;
  /** Filler time of the break: its ads plus any slate. */
  readonly durationInSeconds: number;
  readonly duration: string;
  readonly availProgramDateTime: string | null;
  readonly adBreakTrackingEvents: readonly BreakTrackingEventJson[];
  readonly ads: readonly TrackingAdJson[];
}

export interface TrackingJson {
  readonly avails: readonly TrackingAvailJson[];
  readonly nonLinearAvails: readonly never[];
}
