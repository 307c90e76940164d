import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import type { BandwidthReservation } from './types.js';

/** bandwidth_reservation() — SCTE 35 2022b §9.7.5: no fields (reserves bandwidth in a multiplex). */
export function readBandwidthReservation(_r: BitReader): BandwidthReservation {
  return { type: 'bandwidth_reservation' };
}

export function writeBandwidthReservation(_w: BitWriter, _c: BandwidthReservation): void {
  // Nothing on the wire.
}
