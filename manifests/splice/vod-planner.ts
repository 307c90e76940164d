/**
 * VOD splicing (the playlist has EXT-X-ENDLIST): every break is placed at the first segment
 * boundary at or after its start. A break without a duration (configured offsets, an open
 * cue) INSERTS its pod: content resumes where it paused. A break with a duration REPLACES
 * the content segments that start inside [start, start + duration): the ads play instead,
 * and time the ads leave over is not filled (VOD has no live edge to keep up with).
 *
 * A break whose pod yields nothing playable is not applied, so content plays (DESIGN: ad
 * source down → content plays). A break that starts inside the span another break replaces
 * is skipped. Output numbering starts at the content's EXT-X-MEDIA-SEQUENCE /
 * EXT-X-DISCONTINUITY-SEQUENCE, as a VOD playlist has no history to stay consistent with.
 */
import type { Break } from '../model/break.js';
import { emptyPod, type Pod } from '../model/pod.js';
import type { Micros } from '../model/time.js';
import { buildFill, fillBoundary, type BreakFill } from './fill.js';
import type { PlanItem, PlannedAd, PlannedBreak, PlannedPlaylist, PlanSegment, Timeline } from './types.js';

export interface VodPlanInput {
  readonly segments: readonly PlanSegment[];
  /** The content's EXT-X-MEDIA-SEQUENCE and EXT-X-DISCONTINUITY-SEQUENCE. */
  readonly mediaSequence: number;
  readonly discontinuitySequence: number;
  readonly breaks: readonly Break[];
  /** Pod per break id; a missing pod is an empty one. */
  readonly pods: Readonly<Record<string, Pod>>;
  /** Timeline per PodAd.id, for the rendition being spliced. */
  readonly adTimelines: Readonly<Record<string, Timeline>>;
}

interface Placement {
  readonly brk: Break;
  /** Index of the content segment the filler goes before (segments.length: post-roll). */
  readonly at: number;
  /** First content index after the replaced span (= at when inserting). */
  readonly resumeAt: number;
  readonly fill: BreakFill;
  readonly notes: readonly string[];
}

/** First index whose segment starts at or after `us` (segments.length when none). */
export function snapIndex(segments: readonly PlanSegment[], us: Micros): number {
  for (let i = 0; i < segments.length; i++) if ((segments[i] as PlanSegment).startUs >= us) return i;
  return segments.length;
}

function endOf(segments: readonly PlanSegment[]): Micros {
  const last = segments[segments.length - 1];
  return last === undefined ? 0 : last.startUs + last.durationUs;
}

function place(input: VodPlanInput): Placement[] {
  const { segments } = input;
  const ordered = [...input.breaks].sort((a, b) => a.startUs - b.startUs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: Placement[] = [];
  let busyUntil = 0; // first content index not yet claimed by a replacing break
  for (const brk of ordered) {
    const at = snapIndex(segments, brk.startUs);
    if (at < busyUntil) continue;
    const pod = Object.prototype.hasOwnProperty.call(input.pods, brk.id) ? (input.pods[brk.id] as Pod) : emptyPod(brk.id, 'none');
    const fill = buildFill(pod, input.adTimelines);
    if (fill.pieces.length === 0) continue;
    let resumeAt = at;
    if (brk.durationUs !== null && brk.durationUs > 0) {
      const from = segments[at]?.startUs ?? endOf(segments);
      resumeAt = snapIndex(segments, from + brk.durationUs);
    }
    busyUntil = Math.max(busyUntil, resumeAt);
    out.push({ brk, at, resumeAt, fill, notes: [...pod.notes, ...fill.notes] });
  }
  return out;
}

export function planVod(input: VodPlanInput): PlannedPlaylist {
  const { segments } = input;
  const placements = place(input);
  const items: PlanItem[] = [];
  const breaks: PlannedBreak[] = [];
  let outUs = 0;
  let disc = input.discontinuitySequence;
  let prevContent = -1;

  const pushFill = (p: Placement): void => {
    const startUs = outUs;
    const msnOf: number[] = [];
    p.fill.pieces.forEach((piece, k) => {
      const prev = items[items.length - 1];
      const prevPiece = k > 0 ? p.fill.pieces[k - 1] : undefined;
      const boundary = prev !== undefined && (prevPiece === undefined ? true : fillBoundary(prevPiece.source, piece.source));
      if (boundary) disc++;
      const mediaSequence = input.mediaSequence + items.length;
      msnOf.push(mediaSequence);
      items.push({ kind: 'fill', breakId: p.brk.id, piece: k, source: piece.source, mediaSequence, discontinuitySequence: disc, discontinuity: boundary, durationUs: piece.durationUs });
      outUs += piece.durationUs;
    });
    const ads: PlannedAd[] = p.fill.ads.map((fa) => ({
      podAdId: fa.ad.id,
      adId: fa.ad.adId,
      creativeId: fa.ad.creativeId,
      sequence: fa.ad.sequence,
      startUs: startUs + fa.startUs,
      durationUs: fa.durationUs,
      segments: p.fill.pieces.flatMap((piece, k) =>
        piece.source.kind === 'ad' && piece.source.adIndex === fa.adIndex
          ? [{ mediaSequence: msnOf[k] as number, offsetUs: piece.source.adOffsetUs, durationUs: piece.durationUs }]
          : []),
    }));
    let replacedUs = 0;
    for (let i = p.at; i < p.resumeAt; i++) replacedUs += (segments[i] as PlanSegment).durationUs;
    breaks.push({ breakId: p.brk.id, startUs, durationUs: outUs - startUs, replacedUs, ads, slateUs: 0, notes: p.notes });
  };

  let next = 0;
  for (let i = 0; i <= segments.length; i++) {
    let skipTo = i;
    while (next < placements.length && (placements[next] as Placement).at === i) {
      const p = placements[next] as Placement;
      pushFill(p);
      skipTo = Math.max(skipTo, p.resumeAt);
      next++;
    }
    if (i === segments.length) break;
    if (i < skipTo) {
      i = skipTo - 1; // the loop's i++ lands on skipTo; placements there still get their turn
      continue;
    }
    const seg = segments[i] as PlanSegment;
    const prev = items[items.length - 1];
    const cut = prev !== undefined && (prev.kind === 'fill' || prevContent !== i - 1);
    const boundary = seg.discontinuity || cut;
    if (boundary && (prev !== undefined || seg.discontinuity)) disc++;
    items.push({
      kind: 'content', index: i, resume: cut,
      mediaSequence: input.mediaSequence + items.length, discontinuitySequence: disc,
      discontinuity: boundary, durationUs: seg.durationUs,
    });
    prevContent = i;
    outUs += seg.durationUs;
  }
  return { items, plan: { mode: 'vod', mediaSequence: input.mediaSequence, discontinuitySequence: input.discontinuitySequence, breaks } };
}
