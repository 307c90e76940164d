import type { BitReader } from './bit-reader.js';
import { keptReserved, type BitWriter } from './bit-writer.js';
import type { SpliceTime } from './types.js';

/**
 * splice_time() — SCTE 35 2022b §9.8.1:
 * time_specified_flag(1); if set: reserved(6) pts_time(33); else reserved(7).
 */
export function readSpliceTime(r: BitReader): SpliceTime {
  const timeSpecifiedFlag = r.flag();
  if (timeSpecifiedFlag) {
    const reserved = keptReserved(r.uint(6), 6);
    const ptsTime = r.uint(33);
    return reserved === undefined ? { timeSpecifiedFlag, ptsTime } : { timeSpecifiedFlag, ptsTime, reserved };
  }
  const reserved = keptReserved(r.uint(7), 7);
  return reserved === undefined ? { timeSpecifiedFlag } : { timeSpecifiedFlag, reserved };
}

export function writeSpliceTime(w: BitWriter, t: SpliceTime): void {
  if (t.timeSpecifiedFlag) {
    w.flag(true);
    w.reserved(6, t.reserved);
    w.uint(33, t.ptsTime ?? 0);
  } else {
    w.flag(false);
    w.reserved(7, t.reserved);
  }
}
