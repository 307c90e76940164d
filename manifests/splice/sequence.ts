/**
 * Media sequence and discontinuity sequence arithmetic for live output.
 *
 * Every output segment has a key that names it independently of the window it shows up in
 * (`c:<origin msn>` for content, `f:<break id>:<piece>` for filler). The first key of the new
 * window that the previous answer also had fixes the numbering; the segments after it follow
 * by +1 (MSN) and +1 per discontinuity (disc seq). Because the planner only ever appends at
 * the live edge and drops from the front, a segment keeps both numbers while it is in the
 * window (RFC 8216bis §6.2.2).
 */
import type { LiveSlot } from './live-state.js';

export interface SlotSpec {
  readonly key: string;
  /** A discontinuity separates this segment from the one before it in the output. */
  readonly boundary: boolean;
}

export interface Anchor {
  readonly msn: number;
  readonly disc: number;
}

export function numberSlots(specs: readonly SlotSpec[], previous: readonly LiveSlot[], anchor: Anchor): LiveSlot[] {
  const n = specs.length;
  if (n === 0) return [];
  const known = new Map<string, LiveSlot>();
  for (const s of previous) known.set(s.k, s);
  let j = specs.findIndex((s) => known.has(s.key));
  let first: Anchor;
  if (j >= 0) {
    const hit = known.get((specs[j] as SlotSpec).key) as LiveSlot;
    first = { msn: hit.m, disc: hit.d };
  } else if (previous.length > 0) {
    // Nothing in common with what was served (the player came back after more than a window,
    // or the origin reset). `anchor` continues the content's numbering from the last answer;
    // if that would not move forward, continue after the highest numbers handed out, with a
    // discontinuity, so nothing goes backwards.
    let m = -Infinity;
    let d = -Infinity;
    for (const s of previous) { m = Math.max(m, s.m); d = Math.max(d, s.d); }
    j = 0;
    first = anchor.msn > m && anchor.disc >= d ? anchor : { msn: Math.max(anchor.msn, m + 1), disc: Math.max(anchor.disc, d + 1) };
  } else {
    j = 0;
    first = anchor;
  }
  const msn = new Array<number>(n);
  const disc = new Array<number>(n);
  msn[j] = first.msn;
  disc[j] = first.disc;
  for (let i = j + 1; i < n; i++) {
    msn[i] = (msn[i - 1] as number) + 1;
    disc[i] = (disc[i - 1] as number) + ((specs[i] as SlotSpec).boundary ? 1 : 0);
  }
  for (let i = j - 1; i >= 0; i--) {
    msn[i] = (msn[i + 1] as number) - 1;
    disc[i] = (disc[i + 1] as number) - ((specs[i + 1] as SlotSpec).boundary ? 1 : 0);
  }
  return specs.map((s, i) => ({ k: s.key, m: msn[i] as number, d: disc[i] as number }));
}

/**
 * The slots to remember: the new window's, plus earlier answers' still near it (another
 * rendition of the same group may be a refresh behind). Bounded by twice the window.
 */
export function mergeSlots(previous: readonly LiveSlot[], current: readonly LiveSlot[]): LiveSlot[] {
  if (current.length === 0) return [...previous];
  const keepFrom = (current[0] as LiveSlot).m - current.length;
  const keepTo = (current[current.length - 1] as LiveSlot).m + current.length;
  const byKey = new Map<string, LiveSlot>();
  for (const s of previous) if (s.m >= keepFrom && s.m <= keepTo) byKey.set(s.k, s);
  for (const s of current) byKey.set(s.k, s);
  return [...byKey.values()].sort((a, b) => a.m - b.m);
}
