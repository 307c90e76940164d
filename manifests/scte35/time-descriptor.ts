import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import type { TimeDescriptor } from './types.js';

/** time_descriptor() — SCTE 35 2022b §10.3.4: TAI_seconds(48) TAI_ns(32) UTC_offset(16). */
export function readTimeDescriptor(r: BitReader, identifier: number): TimeDescriptor {
  return { type: 'time_descriptor', identifier, taiSeconds: r.uint(48), taiNs: r.uint(32), utcOffset: r.uint(16) };
}

export function writeTimeDescriptor(w: BitWriter, d: TimeDescriptor): void {
  w.uint(48, d.taiSeconds);
  w.uint(32, d.taiNs);
  w.uint(16, d.utcOffset);
}
