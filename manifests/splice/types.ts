/**
 * The splice planner's vocabulary, format-neutral (no m3u8 or MPD here; STYLE §1).
 *
 * - content segment: one segment of the origin's media playlist, seen as its sequence number,
 *   its media time and its duration (`PlanSegment`).
 * - filler: what plays instead of (live) or in addition to (VOD) content during a break:
 *   ad segments, then slate segments in live when the pod does not fill the break.
 * - timeline: a list of segment durations (an ad's or the slate's media playlist for one
 *   rendition, reduced to what the planner needs).
 * - output slot: one segment of the spliced playlist, numbered with the session's own media
 *   sequence (output MSN) and discontinuity sequence.
 *
 * Times are integer microseconds (model/time.ts). Everything here is JSON-friendly.
 */
import type { Micros } from '../model/time.js';

/** A content segment as the planner sees it. */
export interface PlanSegment {
  /** Origin media sequence number. */
  readonly mediaSequence: number;
  /** Origin discontinuity sequence number of this segment. */
  readonly discontinuitySequence: number;
  /** Media time of the segment start in this playlist (window). */
  readonly startUs: Micros;
  readonly durationUs: Micros;
  /** The origin put a discontinuity before this segment. */
  readonly discontinuity: boolean;
  /** Program date time in force, ISO 8601, if the origin gives one. */
  readonly programDateTime?: string;
}

/** Segment durations of one ad (or the slate) in the rendition being spliced. */
export interface Timeline {
  readonly segmentsUs: readonly Micros[];
}

/** Where a filler segment comes from. `segment` indexes the ad's / slate's timeline. */
export type FillSource =
  | { readonly kind: 'ad'; readonly adIndex: number; readonly podAdId: string; readonly segment: number; readonly adOffsetUs: Micros }
  | { readonly kind: 'slate'; readonly segment: number };

/** One output segment of the spliced playlist. */
export type PlanItem = ContentItem | FillItem;

interface ItemBase {
  /** Output media sequence number. */
  readonly mediaSequence: number;
  /** Output discontinuity sequence number of this segment. */
  readonly discontinuitySequence: number;
  /** A discontinuity stands before this segment (never set on the first item). */
  readonly discontinuity: boolean;
  readonly durationUs: Micros;
}

export interface ContentItem extends ItemBase {
  readonly kind: 'content';
  /** Index of the segment in the content input. */
  readonly index: number;
  /** First content after filler or after a cut: key, map and PDT must be stated again. */
  readonly resume: boolean;
}

export interface FillItem extends ItemBase {
  readonly kind: 'fill';
  readonly breakId: string;
  /** Position in the break's filler (ads then slate); with breakId, names the piece across refreshes. */
  readonly piece: number;
  readonly source: FillSource;
}

/** One ad as placed on the session's playlist timeline. */
export interface PlannedAd {
  /** PodAd.id */
  readonly podAdId: string;
  readonly adId: string;
  readonly creativeId: string;
  readonly sequence: number;
  /**
   * Output media time of the ad's first segment: seconds × 1e6 from the first segment of the
   * output playlist (VOD: the whole presentation; live: the current window, so it can be < 0
   * when the ad's first segments have left the window).
   */
  readonly startUs: Micros;
  readonly durationUs: Micros;
  /** Program date time of the ad start, when the content carries PDT (live tracking). */
  readonly programDateTime?: string;
  /** The ad's segments present in the output: output MSN and ad-relative offset. */
  readonly segments: readonly { readonly mediaSequence: number; readonly offsetUs: Micros; readonly durationUs: Micros }[];
}

export interface PlannedBreak {
  readonly breakId: string;
  /** Output media time where the break's filler starts (same origin as PlannedAd.startUs). */
  readonly startUs: Micros;
  /** Output time the break's filler lasts (ads + slate). */
  readonly durationUs: Micros;
  /** Content time the break replaces (0 for VOD insertion). */
  readonly replacedUs: Micros;
  readonly ads: readonly PlannedAd[];
  /** Slate time in the break (live only). */
  readonly slateUs: Micros;
  /** Why ads were skipped (did not fit, no rendition), for logs and QA. */
  readonly notes: readonly string[];
}

/** What the writer and the tracking layer need to know about one splice. */
export interface SplicePlan {
  readonly mode: 'vod' | 'live';
  readonly mediaSequence: number;
  readonly discontinuitySequence: number;
  readonly breaks: readonly PlannedBreak[];
}

/** A planner's answer: the output segments in order, and the plan. */
export interface PlannedPlaylist {
  readonly items: readonly PlanItem[];
  readonly plan: SplicePlan;
}
