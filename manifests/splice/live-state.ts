/**
 * What a live session remembers between two refreshes of one rendition's playlist, so the
 * next answer continues the numbering of the last one exactly. It is small (bounded by about
 * twice the window), plain JSON, and opaque to the service, which stores it per
 * (session, segmentation group): every video variant of a ladder that shares segmentation can
 * share one record, which keeps their media sequence numbers aligned for ABR switches; audio
 * and subtitle groups (other segment numbering) each get their own.
 */
import { manifestError, type ManifestError } from '../errors.js';
import { err, ok, type Result } from '../result.js';

/** One output segment already handed out: key (see live-planner.ts), output MSN, discontinuity sequence. */
export interface LiveSlot {
  readonly k: string;
  readonly m: number;
  readonly d: number;
}

/** A content segment the planner put inside a break, and where in the break it starts. */
export interface LiveInBreak {
  readonly msn: number;
  readonly breakId: string;
  readonly offsetUs: number;
}

export interface LiveBreakRecord {
  readonly id: string;
  /** Duration fixed when the break was first seen; later windows do not move it. */
  readonly durationUs: number;
  /** Joined mid-break in 'content' mode: this break plays as content. */
  readonly asContent: boolean;
  /** The content has moved past the break's end. */
  readonly ended: boolean;
}

export interface LiveState {
  readonly version: 1;
  readonly slots: readonly LiveSlot[];
  /** Origin MSNs whose classification (in a break or not) is settled: [firstMsn, lastMsn]. */
  readonly firstMsn: number;
  readonly lastMsn: number;
  readonly inBreak: readonly LiveInBreak[];
  readonly breaks: readonly LiveBreakRecord[];
  /**
   * Output minus origin numbers (MSN, discontinuity sequence) of the last content segment
   * answered: how content is numbered when a later window shares nothing with this one.
   */
  readonly contentOffset: { readonly msn: number; readonly disc: number };
  /** Highest EXT-X-TARGETDURATION answered so far: a live playlist must not lower it. */
  readonly targetDuration: number;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isSlot(v: unknown): v is LiveSlot {
  return isObj(v) && typeof v.k === 'string' && isInt(v.m) && isInt(v.d);
}
function isInBreak(v: unknown): v is LiveInBreak {
  return isObj(v) && isInt(v.msn) && typeof v.breakId === 'string' && isInt(v.offsetUs);
}
function isBreakRecord(v: unknown): v is LiveBreakRecord {
  return isObj(v) && typeof v.id === 'string' && isInt(v.durationUs) && typeof v.asContent === 'boolean' && typeof v.ended === 'boolean';
}

/**
 * Checks a stored record before use. `null`/`undefined` (first request) is ok(null); anything
 * that is not a state this version wrote is SPLICE_STATE_INVALID, and the caller should plan
 * as for a first request (numbering restarts, which players survive as a discontinuity).
 */
export function readLiveState(json: unknown): Result<LiveState | null, ManifestError> {
  if (json === null || json === undefined) return ok(null);
  const bad = (why: string) => err(manifestError('SPLICE_STATE_INVALID', `stored live splice state is unusable: ${why}`, { reason: why }));
  if (!isObj(json)) return bad('not an object');
  if (json.version !== 1) return bad(`version ${String(json.version)}`);
  const { slots, inBreak, breaks, firstMsn, lastMsn, targetDuration, contentOffset } = json;
  if (!Array.isArray(slots) || !slots.every(isSlot)) return bad('slots');
  if (!Array.isArray(inBreak) || !inBreak.every(isInBreak)) return bad('inBreak');
  if (!Array.isArray(breaks) || !breaks.every(isBreakRecord)) return bad('breaks');
  if (!isInt(firstMsn) || !isInt(lastMsn) || !isInt(targetDuration)) return bad('firstMsn/lastMsn/targetDuration');
  if (!isObj(contentOffset) || !isInt(contentOffset.msn) || !isInt(contentOffset.disc)) return bad('contentOffset');
  return ok({ version: 1, slots, inBreak, breaks, firstMsn, lastMsn, contentOffset: { msn: contentOffset.msn, disc: contentOffset.disc }, targetDuration });
}
