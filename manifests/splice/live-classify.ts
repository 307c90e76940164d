/**
 * Which content segments of a live window lie inside which break, and where. A segment's
 * answer is settled the first time it is seen and kept in the state, so a cue that scrolls out
 * of the window (or a reader that reports it differently later) cannot move a break.
 *
 * Rules for a segment not seen before, in order:
 * 1. a break not seen before whose first segment (`Break.mediaSequence`) is this one starts here;
 * 2. otherwise it continues the previous segment's break while the break's duration lasts;
 * 3. otherwise a break not yet ended whose time span covers the segment's start claims it
 *    (a window that starts inside a break: joined mid-break).
 * A break first met past its start (rule 3, or `joinedMidBreak`) in 'content' join mode plays
 * as content for its whole length.
 */
import type { Break } from '../model/break.js';
import type { Pod } from '../model/pod.js';
import type { Micros } from '../model/time.js';
import type { LiveBreakRecord, LiveInBreak, LiveState } from './live-state.js';
import type { PlanSegment } from './types.js';

export type JoinMode = 'ad' | 'content';

export interface Classified {
  /** Per window segment: the break it lies in and its offset from the break start, or null. */
  readonly cls: readonly (LiveInBreak | null)[];
  readonly breaks: ReadonlyMap<string, LiveBreakRecord>;
}

/**
 * How long a live break lasts: its cue's duration, else the cue-in's position, else (an open
 * cue-out) the pod's length; 0 means there is nothing to splice.
 */
export function liveBreakDuration(b: Break, pod: Pod | undefined): Micros {
  if (b.durationUs !== null) return b.durationUs;
  if (b.endUs !== undefined) return b.endUs - b.startUs;
  return pod?.filledUs ?? 0;
}

export function classifyWindow(
  segments: readonly PlanSegment[],
  breaks: readonly Break[],
  pods: Readonly<Record<string, Pod>>,
  joinMode: JoinMode,
  state: LiveState | null,
): Classified {
  const records = new Map<string, LiveBreakRecord>();
  for (const r of state?.breaks ?? []) records.set(r.id, r);
  const settled = new Map<number, LiveInBreak>();
  for (const r of state?.inBreak ?? []) settled.set(r.msn, r);
  const listed = [...breaks].sort((a, b) => a.startUs - b.startUs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const podOf = (id: string): Pod | undefined => (Object.prototype.hasOwnProperty.call(pods, id) ? pods[id] : undefined);

  const open = (b: Break, offsetUs: Micros): LiveInBreak | null => {
    const existing = records.get(b.id);
    if (existing !== undefined) return offsetUs < existing.durationUs ? { msn: -1, breakId: b.id, offsetUs } : null;
    const durationUs = liveBreakDuration(b, podOf(b.id));
    if (!(durationUs > 0) || offsetUs >= durationUs) return null;
    const joined = offsetUs > 0 || b.joinedMidBreak;
    records.set(b.id, { id: b.id, durationUs, asContent: joined && joinMode === 'content', ended: false });
    return { msn: -1, breakId: b.id, offsetUs };
  };
  const end = (id: string): void => {
    const r = records.get(id);
    if (r !== undefined && !r.ended) records.set(id, { ...r, ended: true });
  };

  const cls: (LiveInBreak | null)[] = [];
  segments.forEach((seg, i) => {
    const msn = seg.mediaSequence;
    let found: LiveInBreak | null = null;
    if (state !== null && msn >= state.firstMsn && msn <= state.lastMsn) {
      found = settled.get(msn) ?? null;
    } else {
      const prev = i > 0 ? cls[i - 1] : null;
      const prevSeg = i > 0 ? segments[i - 1] : undefined;
      const starting = listed.find((b) => b.mediaSequence === msn && !records.has(b.id));
      if (starting !== undefined) {
        if (prev) end(prev.breakId);
        found = open(starting, 0);
      }
      if (found === null && prev && prevSeg !== undefined && starting === undefined) {
        const rec = records.get(prev.breakId);
        const offsetUs = prev.offsetUs + prevSeg.durationUs;
        if (rec !== undefined && offsetUs < rec.durationUs) found = { msn, breakId: prev.breakId, offsetUs };
        else end(prev.breakId);
      }
      if (found === null && starting === undefined) {
        for (const b of listed) {
          const rec = records.get(b.id);
          if (rec?.ended === true || b.startUs > seg.startUs) continue;
          const got = open(b, seg.startUs - b.startUs);
          if (got !== null) { found = got; break; }
        }
      }
      if (found !== null) found = { msn, breakId: found.breakId, offsetUs: found.offsetUs };
    }
    if (found !== null) {
      const rec = records.get(found.breakId);
      if (rec !== undefined && found.offsetUs + seg.durationUs >= rec.durationUs) end(found.breakId);
    }
    const prev = i > 0 ? cls[i - 1] : null;
    if (prev && prev.breakId !== found?.breakId) end(prev.breakId);
    cls.push(found);
  });
  return { cls, breaks: records };
}
