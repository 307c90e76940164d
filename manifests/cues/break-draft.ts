/**
 * What a reader knows about a break while it walks the tags, and how that becomes a `Break`
 * with a stable id.
 *
 * Identity (stable across live refreshes, so a later window names the same break the same):
 * 1. an id the origin gave the break itself: DATERANGE `ID`, EXT-X-SCTE35 `ID` (as written);
 * 2. the SCTE-35 event: `scte35-<splice_event_id>` (or segmentation_event_id);
 * 3. the first segment's media sequence, `seq-<n>`, when the start is on a segment boundary
 *    (always when the cue-out is in the window; from ElapsedTime when joined mid-way);
 * 4. a joined-mid start that does not land on a boundary: `pdt-<ISO>` from the program date
 *    time when there is one, else `seq-<n>` of the segment estimated to hold the start.
 * DATERANGE puts the origin's ID first because a later DATERANGE with the same ID is how the
 * origin closes the range; the other dialects put the SCTE-35 event first because the same
 * event is what two dialects on the same segment have in common.
 */
import type { Break, CueDialect, Scte35Ref } from '../model/break.js';
import type { Micros } from '../model/time.js';
import type { BreakStart } from './cue-timeline.js';
import { refEventId } from './scte35-message.js';

export interface BreakDraft {
  readonly dialect: CueDialect;
  readonly start: BreakStart;
  readonly joinedMidBreak: boolean;
  /** Origin-given id that outranks the SCTE-35 event (DATERANGE ID). */
  readonly originId?: string;
  /** Origin-given id that ranks below the SCTE-35 event (EXT-X-SCTE35 ID). */
  readonly fallbackId?: string;
  durationUs: Micros | null;
  endUs?: Micros;
  scte35?: Scte35Ref;
}

const POSITIONAL_ID = /^(?:seq|pdt)-/;

/** True for ids made from the timeline (rules 3 and 4), which a merge may replace by a stronger one. */
export function isPositionalId(id: string): boolean {
  return POSITIONAL_ID.test(id);
}

export function scte35Id(ref: Scte35Ref | undefined): string | undefined {
  const id = refEventId(ref);
  return id === undefined ? undefined : `scte35-${id}`;
}

export function draftId(d: BreakDraft): string {
  if (d.originId !== undefined && d.originId !== '') return d.originId;
  const fromEvent = scte35Id(d.scte35);
  if (fromEvent !== undefined) return fromEvent;
  if (d.fallbackId !== undefined && d.fallbackId !== '') return d.fallbackId;
  if (!d.start.onBoundary && d.start.programDateTime !== undefined) return `pdt-${d.start.programDateTime}`;
  return `seq-${d.start.mediaSequence}`;
}

export function finishBreak(d: BreakDraft): Break {
  return {
    id: draftId(d),
    startUs: d.start.startUs,
    durationUs: d.durationUs,
    mediaSequence: d.start.mediaSequence,
    ...(d.start.programDateTime === undefined ? {} : { programDateTime: d.start.programDateTime }),
    dialect: d.dialect,
    ...(d.scte35 === undefined ? {} : { scte35: d.scte35 }),
    joinedMidBreak: d.joinedMidBreak,
    ...(d.endUs === undefined ? {} : { endUs: d.endUs }),
  };
}

/** Closes a draft at `endUs`; a break that had no planned duration gets the one the cue-in shows. */
export function closeDraft(d: BreakDraft, endUs: Micros): void {
  d.endUs = endUs;
  if (d.durationUs === null) d.durationUs = Math.max(0, endUs - d.start.startUs);
}
