/**
 * What plays during one break: the pod's ads, segment by segment, then (live) slate up to the
 * break's duration. The same inputs always give the same list, which is what lets a live
 * session number these segments once and find them again on the next refresh.
 *
 * Which ads play is decided on `PodAd.durationUs` (the same in every rendition), so video,
 * audio and subtitles drop the same ads; where each segment sits is measured on the
 * rendition's own timeline.
 */
import type { Pod, PodAd } from '../model/pod.js';
import type { Micros } from '../model/time.js';
import type { FillSource, Timeline } from './types.js';

export interface FillPiece {
  readonly source: FillSource;
  /** Offset from the break start (filler time). */
  readonly startUs: Micros;
  readonly durationUs: Micros;
}

export interface FilledAd {
  readonly adIndex: number;
  readonly ad: PodAd;
  readonly startUs: Micros;
  readonly durationUs: Micros;
}

export interface BreakFill {
  readonly pieces: readonly FillPiece[];
  readonly ads: readonly FilledAd[];
  /** Where the ads end (filler time). */
  readonly adsEndUs: Micros;
  readonly slateUs: Micros;
  readonly notes: readonly string[];
}

export interface FillOptions {
  /** Live: the break's duration; ads that would end past it are left out, slate fills the rest. VOD: undefined. */
  readonly limitUs?: Micros;
  readonly slate?: Timeline;
}

function timelineDuration(t: Timeline): Micros {
  let sum = 0;
  for (const d of t.segmentsUs) sum += d;
  return sum;
}

function usable(t: Timeline | undefined): t is Timeline {
  return t !== undefined && t.segmentsUs.length > 0 && t.segmentsUs.every((d) => Number.isFinite(d) && d > 0);
}

export function buildFill(pod: Pod, adTimelines: Readonly<Record<string, Timeline>>, options: FillOptions = {}): BreakFill {
  const { limitUs, slate } = options;
  const pieces: FillPiece[] = [];
  const ads: FilledAd[] = [];
  const notes: string[] = [];
  let plannedUs = 0;
  let at = 0;
  pod.ads.forEach((ad, adIndex) => {
    const timeline = Object.prototype.hasOwnProperty.call(adTimelines, ad.id) ? adTimelines[ad.id] : undefined;
    if (!usable(timeline)) {
      notes.push(`ad ${ad.id}: no playable rendition`);
      return;
    }
    if (limitUs !== undefined && plannedUs + ad.durationUs > limitUs) {
      notes.push(`ad ${ad.id}: ${ad.durationUs} µs does not fit in the ${limitUs - plannedUs} µs left`);
      return;
    }
    plannedUs += ad.durationUs;
    const start = at;
    let adOffsetUs = 0;
    timeline.segmentsUs.forEach((durationUs, segment) => {
      pieces.push({ source: { kind: 'ad', adIndex, podAdId: ad.id, segment, adOffsetUs }, startUs: at, durationUs });
      at += durationUs;
      adOffsetUs += durationUs;
    });
    ads.push({ adIndex, ad, startUs: start, durationUs: timelineDuration(timeline) });
  });
  const adsEndUs = at;
  let slateUs = 0;
  if (limitUs !== undefined && usable(slate) && at < limitUs) {
    // Loop the slate; the last piece is cut so the break lasts exactly its planned duration.
    let segment = 0;
    while (at < limitUs) {
      const full = slate.segmentsUs[segment] ?? 0;
      const durationUs = Math.min(full, limitUs - at);
      pieces.push({ source: { kind: 'slate', segment }, startUs: at, durationUs });
      at += durationUs;
      slateUs += durationUs;
      segment = (segment + 1) % slate.segmentsUs.length;
    }
  }
  return { pieces, ads, adsEndUs, slateUs, notes };
}

/** Whether a discontinuity separates two consecutive filler pieces (ad → ad, ad → slate, slate loop). */
export function fillBoundary(prev: FillSource, next: FillSource): boolean {
  if (prev.kind !== next.kind) return true;
  if (prev.kind === 'ad' && next.kind === 'ad') return prev.adIndex !== next.adIndex;
  // Slate → slate: the loop restarting at its first segment restarts its timestamps.
  return next.segment === 0;
}
