import type { BitReader } from './bit-reader.js';
import { keptReserved, type BitWriter } from './bit-writer.js';
import { defined } from './fields.js';
import type { AudioComponent, AudioDescriptor } from './types.js';

/**
 * audio_descriptor() — SCTE 35 2022b §10.3.5:
 * audio_count(4) reserved(4) { component_tag(8) ISO_code(24) Bit_Stream_Mode(3) Num_Channels(4)
 * Full_Srvc_Audio(1) } × audio_count. ISO_code is an ISO 639-2 code, three ASCII letters.
 */
export function readAudioDescriptor(r: BitReader, identifier: number): AudioDescriptor {
  const count = r.uint(4);
  const reserved = keptReserved(r.uint(4), 4);
  const components: AudioComponent[] = [];
  for (let i = 0; i < count && r.error === undefined; i++) {
    const componentTag = r.uint(8);
    const isoCode = String.fromCharCode(...r.bytes(3));
    components.push({ componentTag, isoCode, bitStreamMode: r.uint(3), numChannels: r.uint(4), fullSrvcAudio: r.flag() });
  }
  return defined({ type: 'audio_descriptor', identifier, components, reserved });
}

export function writeAudioDescriptor(w: BitWriter, d: AudioDescriptor): void {
  const components = d.components.slice(0, 15);
  w.uint(4, components.length);
  w.reserved(4, d.reserved);
  for (const c of components) {
    w.uint(8, c.componentTag);
    for (let i = 0; i < 3; i++) w.uint(8, c.isoCode.charCodeAt(i) || 0x20);
    w.uint(3, c.bitStreamMode);
    w.uint(4, c.numChannels);
    w.flag(c.fullSrvcAudio);
  }
}
