import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import type { AvailDescriptor } from './types.js';

/** avail_descriptor() — SCTE 35 2022b §10.3.1: provider_avail_id(32) after the identifier. */
export function readAvailDescriptor(r: BitReader, identifier: number): AvailDescriptor {
  return { type: 'avail_descriptor', identifier, providerAvailId: r.uint(32) };
}

export function writeAvailDescriptor(w: BitWriter, d: AvailDescriptor): void {
  w.uint(32, d.providerAvailId);
}
