import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import { readSpliceTime, writeSpliceTime } from './splice-time.js';
import type { TimeSignal } from './types.js';

/** time_signal() — SCTE 35 2022b §9.7.4: a single splice_time(). */
export function readTimeSignal(r: BitReader): TimeSignal {
  return { type: 'time_signal', spliceTime: readSpliceTime(r) };
}

export function writeTimeSignal(w: BitWriter, c: TimeSignal): void {
  writeSpliceTime(w, c.spliceTime);
}
