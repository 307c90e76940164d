/**
 * Live splicing (no EXT-X-ENDLIST): ads REPLACE the break's content. Per refresh it takes the
 * origin window, the breaks read from it, the pods and timelines, and the state the previous
 * refresh left, and answers the output segments plus the state for the next refresh.
 *
 * - Filler (ads, then slate when the channel has one) is released only as content time
 *   passes: a filler piece ending at break offset t appears once the origin window holds the
 *   break's content up to t (or the content has moved past the break). The output therefore
 *   never runs ahead of the origin's live edge.
 * - Without slate, time the ads leave over plays the break's own content again from the
 *   first content segment that starts at or after the ads' end ("content resumes early").
 * - Filler leaves the window with the content it replaced: a piece is dropped once every
 *   content segment of the break it overlaps has left the origin window.
 * - Numbering: see sequence.ts; classification: see live-classify.ts.
 *
 * Deterministic: no clock; the same inputs and state give the same output and state.
 */
import type { Break } from '../model/break.js';
import { emptyPod, type Pod } from '../model/pod.js';
import type { Micros } from '../model/time.js';
import { buildFill, fillBoundary, type BreakFill } from './fill.js';
import { classifyWindow, type JoinMode } from './live-classify.js';
import type { LiveInBreak, LiveState } from './live-state.js';
import { mergeSlots, numberSlots, type SlotSpec } from './sequence.js';
import type { FillSource, PlanItem, PlannedAd, PlannedBreak, PlannedPlaylist, PlanSegment, Timeline } from './types.js';

export interface LivePlanInput {
  /** The origin window, in order. */
  readonly segments: readonly PlanSegment[];
  /** The content's EXT-X-TARGETDURATION (seconds). */
  readonly targetDuration: number;
  readonly breaks: readonly Break[];
  /** Pod per break id, decided once per (session, break); a missing pod is an empty one. */
  readonly pods: Readonly<Record<string, Pod>>;
  /** Timeline per PodAd.id for this rendition. */
  readonly adTimelines: Readonly<Record<string, Timeline>>;
  /** The channel's slate for this rendition; without it, unfilled time plays content. */
  readonly slate?: Timeline;
  /** A viewer whose first window starts inside a break sees its remaining ads, or content. */
  readonly joinMode: JoinMode;
}

export interface LivePlan extends PlannedPlaylist {
  /** EXT-X-TARGETDURATION to write: never lower than in an earlier answer. */
  readonly targetDuration: number;
  readonly nextState: LiveState;
}

type Slot =
  | { readonly spec: SlotSpec; readonly kind: 'content'; readonly index: number; readonly resume: boolean; readonly durationUs: Micros }
  | { readonly spec: SlotSpec; readonly kind: 'fill'; readonly breakId: string; readonly piece: number; readonly source: FillSource; readonly durationUs: Micros };

function addMs(iso: string, us: Micros): string | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms + Math.round(us / 1000)).toISOString();
}

export function planLive(input: LivePlanInput, state: LiveState | null): LivePlan {
  const { segments } = input;
  const { cls, breaks: records } = classifyWindow(segments, input.breaks, input.pods, input.joinMode, state);
  const fills = new Map<string, BreakFill>();
  const slots: Slot[] = [];
  let maxFillUs = 0;

  const podOf = (id: string): Pod => (Object.prototype.hasOwnProperty.call(input.pods, id) ? (input.pods[id] as Pod) : emptyPod(id, 'none'));
  const pushContent = (i: number): void => {
    const seg = segments[i] as PlanSegment;
    const prev = slots[slots.length - 1];
    const cut = prev !== undefined && (prev.kind === 'fill' || (segments[prev.index] as PlanSegment).mediaSequence !== seg.mediaSequence - 1);
    slots.push({ spec: { key: `c:${seg.mediaSequence}`, boundary: seg.discontinuity || cut }, kind: 'content', index: i, resume: cut, durationUs: seg.durationUs });
  };

  for (let i = 0; i < segments.length; i++) {
    const c = cls[i] ?? null;
    const rec = c === null ? undefined : records.get(c.breakId);
    if (c === null || rec === undefined || rec.asContent) {
      pushContent(i);
      continue;
    }
    let fill = fills.get(c.breakId);
    if (fill === undefined) {
      fill = buildFill(podOf(c.breakId), input.adTimelines, input.slate === undefined ? { limitUs: rec.durationUs } : { limitUs: rec.durationUs, slate: input.slate });
      fills.set(c.breakId, fill);
    }
    if (i === 0 || cls[i - 1]?.breakId !== c.breakId) {
      let j = i;
      let availEnd = 0;
      while (j < segments.length && cls[j]?.breakId === c.breakId) {
        availEnd = Math.max(availEnd, (cls[j] as LiveInBreak).offsetUs + (segments[j] as PlanSegment).durationUs);
        j++;
      }
      const complete = rec.ended || j < segments.length;
      fill.pieces.forEach((piece, k) => {
        const endUs = piece.startUs + piece.durationUs;
        if (!(complete || endUs <= availEnd) || endUs <= c.offsetUs) return;
        const prev = slots[slots.length - 1];
        const boundary = prev === undefined || prev.kind === 'content' || prev.breakId !== c.breakId || fillBoundary(prev.source, piece.source);
        slots.push({ spec: { key: `f:${c.breakId}:${k}`, boundary }, kind: 'fill', breakId: c.breakId, piece: k, source: piece.source, durationUs: piece.durationUs });
        maxFillUs = Math.max(maxFillUs, piece.durationUs);
      });
    }
    if (input.slate === undefined && c.offsetUs >= fill.adsEndUs) pushContent(i);
  }

  const first = segments[0];
  const offset = state?.contentOffset ?? { msn: 0, disc: 0 };
  const numbered = numberSlots(slots.map((s) => s.spec), state?.slots ?? [], {
    msn: (first?.mediaSequence ?? 0) + offset.msn,
    disc: (first?.discontinuitySequence ?? 0) + offset.disc,
  });
  let contentOffset = offset;
  slots.forEach((s, i) => {
    const n = numbered[i];
    const seg = s.kind === 'content' ? segments[s.index] : undefined;
    if (n !== undefined && seg !== undefined) contentOffset = { msn: n.m - seg.mediaSequence, disc: n.d - seg.discontinuitySequence };
  });

  const items: PlanItem[] = [];
  const outStart: Micros[] = [];
  let t = 0;
  slots.forEach((s, i) => {
    const n = numbered[i] as { m: number; d: number };
    outStart.push(t);
    t += s.durationUs;
    const base = { mediaSequence: n.m, discontinuitySequence: n.d, discontinuity: i > 0 && s.spec.boundary, durationUs: s.durationUs };
    items.push(s.kind === 'content' ? { kind: 'content', index: s.index, resume: s.resume, ...base } : { kind: 'fill', breakId: s.breakId, piece: s.piece, source: s.source, ...base });
  });

  const planned: PlannedBreak[] = [];
  for (const [breakId, fill] of fills) {
    const firstSlot = slots.findIndex((s) => s.kind === 'fill' && s.breakId === breakId);
    if (firstSlot < 0) continue;
    const fs = slots[firstSlot] as Extract<Slot, { kind: 'fill' }>;
    const breakStart = (outStart[firstSlot] as number) - (fill.pieces[fs.piece]?.startUs ?? 0);
    const anySeg = segments.findIndex((_, i) => cls[i]?.breakId === breakId && segments[i]?.programDateTime !== undefined);
    const anchor = anySeg >= 0 ? segments[anySeg] : undefined;
    const breakPdt = anchor?.programDateTime === undefined ? undefined : addMs(anchor.programDateTime, -(cls[anySeg] as LiveInBreak).offsetUs);
    const ads: PlannedAd[] = fill.ads.map((fa) => {
      const pdt = breakPdt === undefined ? undefined : addMs(breakPdt, fa.startUs);
      return {
        podAdId: fa.ad.id, adId: fa.ad.adId, creativeId: fa.ad.creativeId, sequence: fa.ad.sequence,
        startUs: breakStart + fa.startUs, durationUs: fa.durationUs,
        ...(pdt === undefined ? {} : { programDateTime: pdt }),
        segments: slots.flatMap((s, i) => (s.kind === 'fill' && s.breakId === breakId && s.source.kind === 'ad' && s.source.adIndex === fa.adIndex
          ? [{ mediaSequence: (numbered[i] as { m: number }).m, offsetUs: s.source.adOffsetUs, durationUs: s.durationUs }]
          : [])),
      };
    });
    const rec = records.get(breakId);
    planned.push({
      breakId, startUs: breakStart, durationUs: fill.pieces.reduce((a, p) => a + p.durationUs, 0),
      replacedUs: rec?.durationUs ?? 0, ads, slateUs: fill.slateUs, notes: [...podOf(breakId).notes, ...fill.notes],
    });
  }

  const targetDuration = Math.max(state?.targetDuration ?? 0, input.targetDuration, Math.ceil(maxFillUs / 1_000_000));
  // An empty answer (a tiny window between two long filler pieces) names the next segment to come.
  const prevSlots = state?.slots ?? [];
  const lastPrev = prevSlots.length === 0 ? undefined : prevSlots.reduce((a, b) => (b.m > a.m ? b : a));
  const mediaSequence = numbered[0]?.m ?? (lastPrev === undefined ? first?.mediaSequence ?? 0 : lastPrev.m + 1);
  const discontinuitySequence = numbered[0]?.d ?? lastPrev?.d ?? first?.discontinuitySequence ?? 0;
  const nextState = nextLiveState(state, segments, cls, records, numbered, contentOffset, targetDuration);
  return { items, plan: { mode: 'live', mediaSequence, discontinuitySequence, breaks: planned }, targetDuration, nextState };
}

function nextLiveState(
  state: LiveState | null,
  segments: readonly PlanSegment[],
  cls: readonly (LiveInBreak | null)[],
  records: ReadonlyMap<string, { readonly id: string; readonly durationUs: number; readonly asContent: boolean; readonly ended: boolean }>,
  numbered: readonly { k: string; m: number; d: number }[],
  contentOffset: { readonly msn: number; readonly disc: number },
  targetDuration: number,
): LiveState {
  const w0 = segments[0]?.mediaSequence;
  const wn = segments[segments.length - 1]?.mediaSequence;
  if (w0 === undefined || wn === undefined) {
    return state ?? { version: 1, slots: [], firstMsn: 0, lastMsn: -1, inBreak: [], breaks: [], contentOffset, targetDuration };
  }
  let firstMsn = w0;
  let lastMsn = wn;
  if (state !== null && state.lastMsn >= w0 - 1 && state.firstMsn <= wn + 1) {
    firstMsn = Math.min(state.firstMsn, w0);
    lastMsn = Math.max(state.lastMsn, wn);
  }
  firstMsn = Math.max(firstMsn, w0 - segments.length);
  const inBreak = new Map<number, LiveInBreak>();
  for (const r of state?.inBreak ?? []) if (r.msn >= firstMsn && r.msn <= lastMsn) inBreak.set(r.msn, r);
  cls.forEach((c) => { if (c !== null) inBreak.set(c.msn, c); });
  const kept = [...inBreak.values()].sort((a, b) => a.msn - b.msn);
  const used = new Set(kept.map((r) => r.breakId));
  const breaks = [...records.values()].filter((r) => used.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { version: 1, slots: mergeSlots(state?.slots ?? [], numbered), firstMsn, lastMsn, inBreak: kept, breaks, contentOffset, targetDuration };
}
