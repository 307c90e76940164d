import type { BitReader } from './bit-reader.js';
import { keptReserved, type BitWriter } from './bit-writer.js';
import { defined } from './fields.js';
import type { DtmfDescriptor } from './types.js';

/**
 * DTMF_descriptor() — SCTE 35 2022b §10.3.2:
 * preroll(8) dtmf_count(3) reserved(5) DTMF_char(8) × dtmf_count.
 * Characters are kept one byte per UTF-16 unit so any byte survives a round trip.
 */
export function readDtmfDescriptor(r: BitReader, identifier: number): DtmfDescriptor {
  const preroll = r.uint(8);
  const count = r.uint(3);
  const reserved = keptReserved(r.uint(5), 5);
  const dtmfChars = String.fromCharCode(...r.bytes(count));
  return defined({ type: 'dtmf_descriptor', identifier, preroll, dtmfChars, reserved });
}

export function writeDtmfDescriptor(w: BitWriter, d: DtmfDescriptor): void {
  w.uint(8, d.preroll);
  const chars = d.dtmfChars.slice(0, 7);
  w.uint(3, chars.length);
  w.reserved(5, d.reserved);
  for (let i = 0; i < chars.length; i++) w.uint(8, chars.charCodeAt(i));
}
