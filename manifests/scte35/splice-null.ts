import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import type { SpliceNull } from './types.js';

/** splice_null() — SCTE 35 2022b §9.7.1: no fields (a heartbeat, or a carrier for descriptors). */
export function readSpliceNull(_r: BitReader): SpliceNull {
  return { type: 'splice_null' };
}

export function writeSpliceNull(_w: BitWriter, _c: SpliceNull): void {
  // Nothing on the wire.
}
