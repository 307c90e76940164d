import type { BitReader } from './bit-reader.js';
import { keptReserved, type BitWriter } from './bit-writer.js';
import type { BreakDuration } from './types.js';

/** break_duration() — SCTE 35 2022b §9.8.2: auto_return(1) reserved(6) duration(33). */
export function readBreakDuration(r: BitReader): BreakDuration {
  const autoReturn = r.flag();
  const reserved = keptReserved(r.uint(6), 6);
  const duration = r.uint(33);
  return reserved === undefined ? { autoReturn, duration } : { autoReturn, duration, reserved };
}

export function writeBreakDuration(w: BitWriter, d: BreakDuration): void {
  w.flag(d.autoReturn);
  w.reserved(6, d.reserved);
  w.uint(33, d.duration);
}
