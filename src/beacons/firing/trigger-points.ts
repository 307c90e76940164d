/**
 * Which of an ad's progress events a request for one of its segments proves (pure).
 *
 * Every event sits at an ad-relative time: impression, creativeView and start at 0, the
 * quartiles at 25 / 50 / 75 % of the ad's duration, complete at its end. A segment
 * covering [offset, offset + duration) triggers the events whose time lies in that span;
 * a time exactly on a boundary belongs to the segment that starts there. `complete` (at
 * the very end, which no half-open span contains) belongs to the last segment, the one
 * that reaches the ad's end. So, for a segmentation that tiles [0, duration), every event
 * has exactly one trigger segment, and segment order is event order (property-tested).
 *
 * The rule is local to one segment (its span and the ad's duration), on purpose:
 * - a live plan may list only some of an ad's segments (the rest not released yet);
 * - renditions may cut the same ad differently: a request in any rendition triggers what
 *   its own span covers, and the event names are the same, so the tracker's
 *   (session, ad instance, event) mark keeps each event to one firing across ABR switches.
 *
 * Nothing speculative: a request proves only its own span. A player that seeks from ad 1's
 * first segment into ad 2 never requests ad 1's later segments, so ad 1's late quartiles and
 * complete never fire.
 */
import type { Micros } from '../../../manifests/index.js';

/** The ad-level events fired from segment requests, in firing order (VAST 4.1 §3.14.1). */
export const AD_PROGRESS_EVENTS = [
  'impression', 'creativeView', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete',
] as const;
export type AdProgressEvent = (typeof AD_PROGRESS_EVENTS)[number];

/** Where each event sits, as numerator over 4 of the ad's duration. */
const QUARTERS: Readonly<Record<AdProgressEvent, number>> = {
  impression: 0, creativeView: 0, start: 0, firstQuartile: 1, midpoint: 2, thirdQuartile: 3, complete: 4,
};

/** One segment of an ad, ad-relative. */
export interface AdSegmentSpan {
  readonly offsetUs: Micros;
  readonly durationUs: Micros;
}

/**
 * An ad's segments indexed by their position in the ad's media playlist (segment 0 first),
 * and the ad's duration. `segments` may stop short of the end (a live ad not fully
 * released); it must start at offset 0 and be contiguous. `PlannedAd` has this shape when
 * its first segment is still in the plan (see `adSegmentation` in segment-beacons.ts).
 */
export interface AdSegmentation {
  readonly durationUs: Micros;
  readonly segments: readonly AdSegmentSpan[];
}

export interface TriggeredEvent {
  readonly event: AdProgressEvent;
  /** Ad-relative time of the event ([ADPLAYHEAD]). */
  readonly adOffsetUs: Micros;
}

export interface TriggerPoint extends TriggeredEvent {
  /** Index of the segment whose request fires the event. */
  readonly segment: number;
}

/** Ad-relative time of an event; quartiles round down to the microsecond. */
export function eventOffsetUs(event: AdProgressEvent, adDurationUs: Micros): Micros {
  return Math.floor((adDurationUs * QUARTERS[event]) / 4);
}

/** The events one segment's request triggers, in firing order. */
export function eventsInSpan(adDurationUs: Micros, span: AdSegmentSpan): TriggeredEvent[] {
  if (!(span.durationUs > 0)) return [];
  const end = span.offsetUs + span.durationUs;
  const isLast = end >= adDurationUs;
  const out: TriggeredEvent[] = [];
  for (const event of AD_PROGRESS_EVENTS) {
    const t = eventOffsetUs(event, adDurationUs);
    const inside = t >= span.offsetUs && t < end;
    // Past the last segment's end: only `complete` (t = duration) gets here when the spans tile
    // the ad; a timeline a little shorter than the duration keeps its late points too.
    if (inside || (isLast && t >= end)) out.push({ event, adOffsetUs: t });
  }
  return out;
}

/** The events the request of segment `segmentIndex` triggers; [] for an index outside the list. */
export function eventsForSegment(ad: AdSegmentation, segmentIndex: number): TriggeredEvent[] {
  const span = ad.segments[segmentIndex];
  return span === undefined ? [] : eventsInSpan(ad.durationUs, span);
}

/**
 * Every event with the segment that triggers it, in event order. Events whose segment is not
 * in the list (a live ad's unreleased tail) are left out.
 */
export function triggerPoints(ad: AdSegmentation): TriggerPoint[] {
  const points: TriggerPoint[] = [];
  ad.segments.forEach((span, segment) => {
    for (const e of eventsInSpan(ad.durationUs, span)) points.push({ ...e, segment });
  });
  // Segment order is event order for a tiling; the sort only matters for malformed lists.
  return points.sort((a, b) => AD_PROGRESS_EVENTS.indexOf(a.event) - AD_PROGRESS_EVENTS.indexOf(b.event));
}

/** The segmentation from a rendition's segment durations (an ad `Timeline`). */
export function segmentationFromDurations(segmentsUs: readonly Micros[]): AdSegmentation {
  let at = 0;
  const segments = segmentsUs.map((durationUs) => {
    const span = { offsetUs: at, durationUs };
    at += durationUs;
    return span;
  });
  return { durationUs: at, segments };
}

/** True when `segments` starts at 0 and each span begins where the previous one ended. */
export function isContiguousFromStart(segments: readonly AdSegmentSpan[]): boolean {
  let at = 0;
  for (const s of segments) {
    if (s.offsetUs !== at || !(s.durationUs > 0)) return false;
    at += s.durationUs;
  }
  return segments.length > 0;
}
