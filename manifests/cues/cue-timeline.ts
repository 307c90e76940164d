/**
 * Where a cue lands on the timeline. A cue tag applies to the segment whose URI follows it, so
 * its position is that segment's start; a tag after the last URI (a cue-in at the live edge)
 * sits at the playlist's end, on the media sequence number the next segment will carry.
 *
 * Media time is the window's: microseconds from this playlist's first segment. A break that
 * began before the window (joined mid-way, or a DATERANGE whose START-DATE is earlier) gets a
 * NEGATIVE `startUs`: the media time its start would have had, had the window reached back that
 * far. That keeps `startUs + durationUs` the break's planned end in the same frame, and lets a
 * caller compare breaks across refreshes by shifting both by the first segment's start.
 */
import type { CueInput, TagLine, TaggedSegment } from '../model/tagged-segment.js';
import type { Micros } from '../model/time.js';

/** Decimal seconds are written with 3 to 6 digits: a millisecond is "the same instant". */
export const TIME_TOLERANCE_US: Micros = 1000;

export interface CuePosition {
  /** Index of the segment the tag applies to; `segments.length` for trailing tags. */
  readonly segmentIndex: number;
  readonly startUs: Micros;
  readonly mediaSequence: number;
  readonly programDateTime?: string;
}

export interface PlacedTag {
  readonly tag: TagLine;
  readonly position: CuePosition;
}

/** Where a break starts, with how sure we are of its first segment's media sequence. */
export interface BreakStart {
  readonly startUs: Micros;
  readonly mediaSequence: number;
  /** True when the start falls on a segment boundary, so `mediaSequence` is the first segment's. */
  readonly onBoundary: boolean;
  readonly programDateTime?: string;
}

export function positionAt(input: CueInput, index: number): CuePosition {
  const seg = input.segments[index];
  if (seg !== undefined) {
    const base = { segmentIndex: index, startUs: seg.startUs, mediaSequence: seg.mediaSequence };
    return seg.programDateTime === undefined ? base : { ...base, programDateTime: seg.programDateTime };
  }
  const last = input.segments[input.segments.length - 1];
  const base = { segmentIndex: input.segments.length, startUs: input.endUs, mediaSequence: last === undefined ? 0 : last.mediaSequence + 1 };
  const pdt = last === undefined ? undefined : segmentEndPdt(last);
  return pdt === undefined ? base : { ...base, programDateTime: pdt };
}

/** Every tag whose name is in `names`, in playlist order, with the position it applies to. */
export function placedTags(input: CueInput, names: ReadonlySet<string>): PlacedTag[] {
  const out: PlacedTag[] = [];
  input.segments.forEach((seg, i) => {
    for (const tag of seg.tags) if (names.has(tag.name)) out.push({ tag, position: positionAt(input, i) });
  });
  const tail = input.trailingTags.filter((t) => names.has(t.name));
  if (tail.length > 0) {
    const position = positionAt(input, input.segments.length);
    for (const tag of tail) out.push({ tag, position });
  }
  return out;
}

/** Cheap probe: does any segment (or the tail) carry one of these tags? */
export function hasAnyTag(input: CueInput, names: ReadonlySet<string>, valueTest?: (value: string) => boolean): boolean {
  const match = (t: TagLine): boolean => names.has(t.name) && (valueTest === undefined || valueTest(t.value));
  return input.segments.some((s) => s.tags.some(match)) || input.trailingTags.some(match);
}

// ---- program date time -------------------------------------------------------------------

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:[.,](\d+))?(Z|z|[+-]\d{2}:?\d{2})?$/;

/** ISO 8601 date-time → microseconds since the epoch; undefined when unreadable. */
export function isoToEpochUs(text: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  let zone = m[3] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return undefined;
  const frac = Number(((m[2] ?? '') + '000000').slice(0, 6));
  return ms * 1000 + frac;
}

/** Microseconds since the epoch → ISO 8601 in UTC, with microseconds only when there are some. */
export function epochUsToIso(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  const micros = us - ms * 1000;
  return micros === 0 ? iso : `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
}

function segmentEndPdt(seg: TaggedSegment): string | undefined {
  const p = seg.programDateTime === undefined ? undefined : isoToEpochUs(seg.programDateTime);
  return p === undefined ? undefined : epochUsToIso(p + seg.durationUs);
}

// ---- back-dating a start --------------------------------------------------------------------

/**
 * The start of a break that began `elapsedUs` before `at` (CUE-OUT-CONT ElapsedTime,
 * EXT-X-SCTE35 ELAPSED). Inside the window it walks back over real segment durations; before
 * the window it assumes earlier segments were as long as the window's first one, which is how
 * live packagers cut. The media sequence is exact only when the walk lands on a boundary.
 */
export function startBefore(input: CueInput, at: CuePosition, elapsedUs: Micros): BreakStart {
  const startUs = at.startUs - elapsedUs;
  const atPdt = at.programDateTime === undefined ? undefined : isoToEpochUs(at.programDateTime);
  const pdt = atPdt === undefined ? {} : { programDateTime: epochUsToIso(atPdt - elapsedUs) };
  let remaining = elapsedUs;
  let idx = at.segmentIndex;
  while (remaining > TIME_TOLERANCE_US && idx > 0) {
    idx--;
    remaining -= input.segments[idx]?.durationUs ?? 0;
  }
  if (Math.abs(remaining) <= TIME_TOLERANCE_US) {
    return { startUs, mediaSequence: positionAt(input, idx).mediaSequence, onBoundary: true, ...pdt };
  }
  if (remaining < 0) {
    return { startUs, mediaSequence: positionAt(input, idx).mediaSequence, onBoundary: false, ...pdt };
  }
  const first = input.segments[0];
  if (first === undefined || first.durationUs <= 0) {
    return { startUs, mediaSequence: at.mediaSequence, onBoundary: false, ...pdt };
  }
  const k = Math.round(remaining / first.durationUs);
  if (k > 0 && Math.abs(remaining - k * first.durationUs) <= TIME_TOLERANCE_US * k) {
    return { startUs, mediaSequence: first.mediaSequence - k, onBoundary: true, ...pdt };
  }
  return { startUs, mediaSequence: first.mediaSequence - Math.ceil(remaining / first.durationUs), onBoundary: false, ...pdt };
}

/**
 * Maps a wall-clock date (DATERANGE START-DATE) to media time through the segments' PDTs:
 * inside a segment's [PDT, PDT + duration), before the first one (a break already under way),
 * or after the last (announced ahead of the live edge). Undefined when the playlist has no PDT
 * or the date falls in a gap between PDT runs: the caller then uses the tag's position.
 */
export function startAtDate(input: CueInput, epochUs: number): BreakStart | undefined {
  const segs = input.segments;
  let firstPdt: number | undefined;
  let lastPdtEnd: number | undefined;
  for (const seg of segs) {
    const p = seg.programDateTime === undefined ? undefined : isoToEpochUs(seg.programDateTime);
    if (p === undefined) continue;
    firstPdt ??= p;
    lastPdtEnd = p + seg.durationUs;
    const offset = epochUs - p;
    if (Math.abs(offset) <= TIME_TOLERANCE_US) {
      return { startUs: seg.startUs, mediaSequence: seg.mediaSequence, onBoundary: true, programDateTime: seg.programDateTime ?? epochUsToIso(epochUs) };
    }
    if (offset > 0 && offset < seg.durationUs - TIME_TOLERANCE_US) {
      return { startUs: seg.startUs + offset, mediaSequence: seg.mediaSequence, onBoundary: false, programDateTime: epochUsToIso(epochUs) };
    }
  }
  const first = segs[0];
  if (first !== undefined && firstPdt !== undefined && first.programDateTime !== undefined && epochUs < firstPdt) {
    return { ...startBefore(input, positionAt(input, 0), firstPdt - epochUs), programDateTime: epochUsToIso(epochUs) };
  }
  const last = segs[segs.length - 1];
  if (last !== undefined && lastPdtEnd !== undefined && last.programDateTime !== undefined && epochUs >= lastPdtEnd - TIME_TOLERANCE_US) {
    const ahead = epochUs - lastPdtEnd;
    const d = last.durationUs > 0 ? last.durationUs : 1;
    const k = Math.round(ahead / d);
    const onBoundary = Math.abs(ahead - k * d) <= TIME_TOLERANCE_US * Math.max(1, k);
    return {
      startUs: input.endUs + ahead,
      mediaSequence: last.mediaSequence + 1 + (onBoundary ? k : Math.floor(ahead / d)),
      onBoundary,
      programDateTime: epochUsToIso(epochUs),
    };
  }
  return undefined;
}
