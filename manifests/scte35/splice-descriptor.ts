import { manifestError } from '../errors.js';
import type { BitReader } from './bit-reader.js';
import { BitWriter } from './bit-writer.js';
import { readAudioDescriptor, writeAudioDescriptor } from './audio-descriptor.js';
import { readAvailDescriptor, writeAvailDescriptor } from './avail-descriptor.js';
import { readDtmfDescriptor, writeDtmfDescriptor } from './dtmf-descriptor.js';
import { readSegmentationDescriptor, writeSegmentationDescriptor } from './segmentation-descriptor.js';
import { readTimeDescriptor, writeTimeDescriptor } from './time-descriptor.js';
import { CUEI_IDENTIFIER, SPLICE_DESCRIPTOR_TAG, type PrivateDescriptor, type SpliceDescriptor } from './types.js';

type KnownDescriptor = Exclude<SpliceDescriptor, PrivateDescriptor>;
type KnownName = KnownDescriptor['type'];

interface DescriptorCodec<D extends KnownDescriptor> {
  read(r: BitReader, identifier: number): D;
  write(w: BitWriter, d: D): void;
}

/** The dispatch table from splice_descriptor_tag (with identifier "CUEI") to its codec. */
const CODECS: { readonly [K in KnownName]: DescriptorCodec<Extract<KnownDescriptor, { type: K }>> } = {
  avail_descriptor: { read: readAvailDescriptor, write: writeAvailDescriptor },
  dtmf_descriptor: { read: readDtmfDescriptor, write: writeDtmfDescriptor },
  segmentation_descriptor: { read: readSegmentationDescriptor, write: writeSegmentationDescriptor },
  time_descriptor: { read: readTimeDescriptor, write: writeTimeDescriptor },
  audio_descriptor: { read: readAudioDescriptor, write: writeAudioDescriptor },
};

const NAME_BY_TAG = new Map<number, KnownName>(Object.entries(SPLICE_DESCRIPTOR_TAG).map(([name, tag]) => [tag, name as KnownName]));

/**
 * The descriptor loop — SCTE 35 2022b §10.2 splice_descriptor(): splice_descriptor_tag(8)
 * descriptor_length(8) identifier(32) then the body. `r` is bounded to descriptor_loop_length.
 * A descriptor whose identifier is not "CUEI", or whose tag the spec reserves, is kept as a
 * PrivateDescriptor with its bytes (§10.2: receivers skip what they do not understand).
 */
export function readSpliceDescriptors(r: BitReader): SpliceDescriptor[] {
  const out: SpliceDescriptor[] = [];
  while (r.remainingBytes > 0 && r.error === undefined) {
    const tag = r.uint(8);
    const lengthOffset = r.offset;
    const length = r.uint(8);
    if (r.error !== undefined) break;
    if (length > r.remainingBytes) {
      r.fail(
        manifestError('SCTE35_LENGTH_OVERRUN', `descriptor_length ${length} runs past the descriptor loop (${r.remainingBytes} bytes left)`, {
          offset: lengthOffset,
          field: 'descriptor_length',
        }),
      );
      break;
    }
    if (length < 4) {
      r.fail(
        manifestError('SCTE35_INVALID_FIELD', `descriptor_length ${length} leaves no room for the 32-bit identifier`, {
          offset: lengthOffset,
          field: 'descriptor_length',
        }),
      );
      break;
    }
    const name = NAME_BY_TAG.get(tag);
    const body = r.sub(length, name ?? 'splice_descriptor');
    const identifier = body.uint(32);
    if (identifier !== CUEI_IDENTIFIER || name === undefined) {
      out.push({ type: 'private_descriptor', spliceDescriptorTag: tag, identifier, privateBytes: body.rest() });
      continue;
    }
    const descriptor = CODECS[name].read(body, identifier);
    if (body.error !== undefined) {
      r.fail(body.error);
      break;
    }
    const trailing = body.rest();
    out.push(trailing.length > 0 ? { ...descriptor, trailingBytes: trailing } : descriptor);
  }
  return out;
}

function tagOf(d: SpliceDescriptor): number {
  return d.type === 'private_descriptor' ? d.spliceDescriptorTag : SPLICE_DESCRIPTOR_TAG[d.type];
}

/** Writes one descriptor with its tag and computed descriptor_length (cut at 255 bytes). */
export function writeSpliceDescriptor(w: BitWriter, d: SpliceDescriptor): void {
  const body = new BitWriter();
  body.uint(32, d.identifier);
  if (d.type === 'private_descriptor') {
    body.bytes(d.privateBytes);
  } else {
    const codec = CODECS[d.type] as DescriptorCodec<KnownDescriptor>;
    codec.write(body, d);
    if (d.trailingBytes !== undefined) body.bytes(d.trailingBytes);
  }
  const bytes = body.finish().subarray(0, 255);
  w.uint(8, tagOf(d));
  w.uint(8, bytes.length);
  w.bytes(bytes);
}
