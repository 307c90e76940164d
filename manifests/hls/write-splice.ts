/**
 * The HLS splice writer: content media playlist + breaks + pods + the ads' (and slate's)
 * media playlists for the same rendition → the spliced playlist text and its SplicePlan.
 *
 * Pure and deterministic: the service fetches every playlist, decides every pod, and passes
 * `segmentUri` to name ad segments (`/v1/segment/<session>/<id>`); the same inputs always give
 * the same bytes. VOD (EXT-X-ENDLIST, no live state) uses planVod; live uses planLive with the stored state.
 *
 * What is written (the planner decides where):
 * - content segments: their lines exactly as read; a resumed segment is preceded by
 *   EXT-X-DISCONTINUITY, its EXT-X-KEY (or METHOD=NONE), its EXT-X-MAP and its
 *   EXT-X-PROGRAM-DATE-TIME, each only when the output has not already put it in force;
 * - ad / slate segments: EXT-X-DISCONTINUITY at each boundary, METHOD=NONE before a clear ad
 *   after encrypted content, the ad's own EXT-X-MAP and keys (URIs through `segmentUri`),
 *   EXTINF with the planned duration, the rewritten URI;
 * - tags of content segments the splice drops (cues, DATERANGE, unknown tags) are kept: the
 *   first dropped segment's before the break's filler, the others after it;
 * - header: EXT-X-MEDIA-SEQUENCE, EXT-X-DISCONTINUITY-SEQUENCE and EXT-X-TARGETDURATION set
 *   only when they change. With nothing to splice the input is returned byte for byte.
 */
import type { Break } from '../model/break.js';
import type { Pod } from '../model/pod.js';
import { formatMicros } from '../model/time.js';
import type { JoinMode } from '../splice/live-classify.js';
import type { LiveState } from '../splice/live-state.js';
import { planLive } from '../splice/live-planner.js';
import type { FillItem, PlanItem, SplicePlan } from '../splice/types.js';
import { planVod } from '../splice/vod-planner.js';
import { setHeaderTag } from './document-edit.js';
import { serializeDocument, tagLine, uriLine, type HlsDocument, type HlsLine } from './document.js';
import type { HlsMediaPlaylist, HlsSegment } from './playlist-types.js';
import { adKeys, adMap, carriedLines, contentKeys, contentMap, type StateLines } from './splice/state-lines.js';
import { toPlanSegments, toTimeline, toTimelines } from './splice/timelines.js';
import { HLS_TAG } from './tags.js';

/** Names one URI of an ad or slate segment for `segmentUri`. */
export interface AdSegmentRef {
  readonly kind: 'ad' | 'slate';
  readonly breakId: string;
  /** PodAd.id; '' for slate. */
  readonly podAdId: string;
  /** Index of the segment in the ad's (slate's) media playlist; for 'map', the first segment using that init section. */
  readonly segment: number;
  /** Which URI: the segment itself, its init section (EXT-X-MAP), or its key. */
  readonly part: 'media' | 'map' | 'key';
  /** The URI as written in the ad's playlist (relative URIs are the caller's to resolve). */
  readonly uri: string;
}

export interface HlsSpliceInput {
  readonly content: HlsMediaPlaylist;
  readonly breaks: readonly Break[];
  /** Pod per break id. */
  readonly pods: Readonly<Record<string, Pod>>;
  /** Media playlist of each ad (by PodAd.id) for this rendition; subtitles: see subtitleFillers(). */
  readonly ads: Readonly<Record<string, HlsMediaPlaylist>>;
  /** Live only: slate for unfilled time. */
  readonly slate?: HlsMediaPlaylist;
  readonly segmentUri: (ref: AdSegmentRef) => string;
  /**
   * Live: the stored state (null on a first request) and the join mode. A playlist with
   * EXT-X-ENDLIST is planned as VOD unless a state is given (a live stream that just ended).
   */
  readonly live?: { readonly state: LiveState | null; readonly joinMode: JoinMode };
}

export interface HlsSpliceOutput {
  readonly text: string;
  readonly plan: SplicePlan;
  /** Live: the state to store for the next refresh. */
  readonly nextState?: LiveState;
}

function plan(input: HlsSpliceInput): { items: readonly PlanItem[]; plan: SplicePlan; targetDuration: number; nextState?: LiveState } {
  const { content } = input;
  const segments = toPlanSegments(content);
  const adTimelines = toTimelines(input.ads);
  // A live session whose origin just ended (EXT-X-ENDLIST appears) keeps live numbering.
  if (content.endList && (input.live?.state ?? null) === null) {
    const p = planVod({ segments, mediaSequence: content.mediaSequence, discontinuitySequence: content.discontinuitySequence, breaks: input.breaks, pods: input.pods, adTimelines });
    let maxUs = 0;
    for (const it of p.items) if (it.kind === 'fill') maxUs = Math.max(maxUs, it.durationUs);
    return { ...p, targetDuration: Math.max(content.targetDuration ?? 0, Math.ceil(maxUs / 1_000_000)) };
  }
  const p = planLive({
    segments, targetDuration: content.targetDuration ?? 0, breaks: input.breaks, pods: input.pods, adTimelines,
    joinMode: input.live?.joinMode ?? 'ad',
    ...(input.slate === undefined ? {} : { slate: toTimeline(input.slate) }),
  }, input.live?.state ?? null);
  return p;
}

/** True when the plan is the content as it came: nothing to write but the input. */
function unchanged(content: HlsMediaPlaylist, items: readonly PlanItem[], p: SplicePlan, targetDuration: number): boolean {
  if (items.length !== content.segments.length) return false;
  if (p.mediaSequence !== content.mediaSequence || p.discontinuitySequence !== content.discontinuitySequence) return false;
  if (targetDuration !== (content.targetDuration ?? 0)) return false;
  return items.every((it, i) => it.kind === 'content' && it.index === i && it.mediaSequence === content.segments[i]?.mediaSequence
    && it.discontinuitySequence === content.segments[i]?.discontinuitySequence);
}

export function writeHlsSplice(input: HlsSpliceInput): HlsSpliceOutput {
  const { content } = input;
  const planned = plan(input);
  const extra = planned.nextState === undefined ? {} : { nextState: planned.nextState };
  if (unchanged(content, planned.items, planned.plan, planned.targetDuration)) {
    return { text: serializeDocument(content.document), plan: planned.plan, ...extra };
  }
  const doc = content.document;
  const segs = content.segments;
  const firstLine = segs[0]?.firstLine ?? doc.lines.length;
  const lastUri = segs[segs.length - 1]?.uriLine ?? doc.lines.length - 1;

  let header: HlsDocument = { ...doc, lines: doc.lines.slice(0, firstLine) };
  if (planned.plan.mediaSequence !== content.mediaSequence) header = setHeaderTag(header, HLS_TAG.MEDIA_SEQUENCE, String(planned.plan.mediaSequence));
  if (planned.plan.discontinuitySequence !== content.discontinuitySequence) header = setHeaderTag(header, HLS_TAG.DISCONTINUITY_SEQUENCE, String(planned.plan.discontinuitySequence));
  if (planned.targetDuration !== (content.targetDuration ?? 0)) header = setHeaderTag(header, HLS_TAG.TARGETDURATION, String(planned.targetDuration));

  const out: HlsLine[] = [...header.lines];
  const blockOf = (s: HlsSegment): readonly HlsLine[] => doc.lines.slice(s.firstLine, s.uriLine + 1);
  // A byte per origin segment, not a Set: 1,800-segment VODs are the hot case.
  const emitted = new Uint8Array(segs.length);
  for (const it of planned.items) if (it.kind === 'content') emitted[it.index] = 1;
  let nextOrigin = 0;
  const carry = (until: number): void => {
    for (; nextOrigin < until; nextOrigin++) {
      const s = segs[nextOrigin];
      if (s !== undefined && emitted[nextOrigin] !== 1) out.push(...carriedLines(blockOf(s)));
    }
  };
  // Keys and map that the header lines already put in force (an EXT-X-KEY above
  // EXT-X-MEDIA-SEQUENCE, say): a pre-roll must clear them.
  let keys = '';
  let map = '';
  const s0 = segs[0];
  if (s0 !== undefined) {
    if (s0.keys.length > 0 && s0.keys.every((k) => k.line < firstLine)) keys = contentKeys(content, s0, s0.mediaSequence).sig;
    if (s0.map !== undefined && s0.map.line < firstLine) map = contentMap(content, s0).sig;
  }
  const restate = (want: StateLines, cur: string): string => {
    if (want.sig !== cur) out.push(...want.lines);
    return want.sig;
  };

  planned.items.forEach((it, pos) => {
    if (it.kind === 'content') {
      carry(it.index);
      nextOrigin = Math.max(nextOrigin, it.index + 1);
      const seg = segs[it.index] as HlsSegment;
      const k = contentKeys(content, seg, it.mediaSequence);
      const m = contentMap(content, seg);
      // One scan of the segment's lines, no slices or closures: this runs per content segment.
      let hasDiscontinuity = false;
      let hasKey = false;
      let hasMap = false;
      for (let i = seg.firstLine; i <= seg.uriLine; i++) {
        const l = doc.lines[i];
        if (l?.type !== 'tag') continue;
        if (l.name === HLS_TAG.DISCONTINUITY) hasDiscontinuity = true;
        else if (l.name === HLS_TAG.KEY) hasKey = true;
        else if (l.name === HLS_TAG.MAP) hasMap = true;
      }
      if (it.discontinuity && !hasDiscontinuity) out.push(tagLine(HLS_TAG.DISCONTINUITY));
      if (k.sig !== keys && (k.pinned || !hasKey)) out.push(...k.lines);
      keys = k.sig;
      if (m.sig !== map && !hasMap) out.push(...m.lines);
      map = m.sig;
      if (it.resume && seg.programDateTime !== undefined && !seg.programDateTimeExplicit) {
        out.push(tagLine(HLS_TAG.PROGRAM_DATE_TIME, seg.programDateTime));
      }
      for (let i = seg.firstLine; i <= seg.uriLine; i++) {
        const l = doc.lines[i];
        if (l === undefined) continue;
        // Live: EXT-X-DISCONTINUITY-SEQUENCE already counts a discontinuity on the first segment.
        if (l.type === 'tag' && ((!it.discontinuity && l.name === HLS_TAG.DISCONTINUITY) || (k.pinned && l.name === HLS_TAG.KEY))) continue;
        out.push(l);
      }
      return;
    }
    const prev = planned.items[pos - 1];
    if (prev === undefined || prev.kind === 'content' || prev.breakId !== it.breakId) {
      // The first dropped segment at the break's start keeps its cue tags before the filler.
      if (emitted[nextOrigin] !== 1 && nextOrigin < segs.length) carry(nextOrigin + 1);
    }
    writeFill(it);
  });

  function writeFill(it: FillItem): void {
    const src = it.source;
    const playlist = src.kind === 'ad' ? input.ads[src.podAdId] : input.slate;
    const seg = playlist?.segments[src.segment];
    if (playlist === undefined || seg === undefined) return;
    const ref = { kind: src.kind, breakId: it.breakId, podAdId: src.kind === 'ad' ? src.podAdId : '' } as const;
    // An init section is named after the first segment that uses it, so every segment sharing
    // it gets the same URI and the map is written once.
    const mapOwner = seg.map === undefined ? src.segment : playlist.segments.findIndex((s) => s.map?.line === seg.map?.line);
    const name = (part: AdSegmentRef['part']) => (uri: string): string =>
      input.segmentUri({ ...ref, segment: part === 'map' ? mapOwner : src.segment, part, uri });
    if (it.discontinuity) out.push(tagLine(HLS_TAG.DISCONTINUITY));
    keys = restate(adKeys(playlist, seg, name('key')), keys);
    map = restate(adMap(playlist, seg, name('map')), map);
    if (seg.byteRange !== undefined) {
      out.push(tagLine(HLS_TAG.BYTERANGE, seg.byteRange.offset === undefined ? String(seg.byteRange.length) : `${seg.byteRange.length}@${seg.byteRange.offset}`));
    }
    out.push(tagLine(HLS_TAG.EXTINF, `${formatMicros(it.durationUs)},`));
    out.push(uriLine(name('media')(seg.uri)));
  }

  carry(segs.length);
  out.push(...doc.lines.slice(lastUri + 1));
  const text = serializeDocument({ ...doc, lines: out });
  return { text, plan: planned.plan, ...extra };
}
