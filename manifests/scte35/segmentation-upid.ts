import { manifestError } from '../errors.js';
import type { BitReader } from './bit-reader.js';
import { BitWriter, keptReserved } from './bit-writer.js';
import { toHex } from './encoding.js';
import { defined } from './fields.js';
import type { SegmentationUpid } from './types.js';

/** segmentation_upid_type values (SCTE 35 2022b §10.3.3.1, segmentation_upid_type table). */
export const SEGMENTATION_UPID_TYPE = {
  NOT_USED: 0x00,
  USER_DEFINED: 0x01,
  ISCI: 0x02,
  AD_ID: 0x03,
  UMID: 0x04,
  ISAN_DEPRECATED: 0x05,
  ISAN: 0x06,
  TID: 0x07,
  TI: 0x08,
  ADI: 0x09,
  EIDR: 0x0a,
  ATSC: 0x0b,
  MPU: 0x0c,
  MID: 0x0d,
  ADS: 0x0e,
  URI: 0x0f,
  UUID: 0x10,
  SCR: 0x11,
} as const;

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'Not Used',
  0x01: 'User Defined',
  0x02: 'ISCI',
  0x03: 'Ad-ID',
  0x04: 'UMID',
  0x05: 'ISAN (deprecated)',
  0x06: 'ISAN',
  0x07: 'TID',
  0x08: 'TI',
  0x09: 'ADI',
  0x0a: 'EIDR',
  0x0b: 'ATSC',
  0x0c: 'MPU',
  0x0d: 'MID',
  0x0e: 'ADS',
  0x0f: 'URI',
  0x10: 'UUID',
  0x11: 'SCR',
};

/** The spec's short name of a segmentation_upid_type; "Reserved" for 0x12–0xFF. */
export function segmentationUpidTypeName(type: number): string {
  return NAMES[type] ?? 'Reserved';
}

/** Types whose value the spec defines as characters (ISCI, Ad-ID, TID, ADI, ADS, URI, SCR; user-defined in practice). */
const TEXT_TYPES: ReadonlySet<number> = new Set([0x01, 0x02, 0x03, 0x07, 0x09, 0x0e, 0x0f, 0x11]);

/**
 * Reads segmentation_upid() of `type` from a reader bounded to segmentation_upid_length bytes.
 * ATSC (0x0B) and MPU (0x0C) shorter than their 4 fixed bytes are kept as plain bytes, so no
 * input is lost; MID (0x0D) entries must fit inside the MID.
 */
export function readSegmentationUpid(type: number, r: BitReader): SegmentationUpid {
  if (type === SEGMENTATION_UPID_TYPE.ATSC && r.remainingBytes >= 4) {
    const tsid = r.uint(16);
    const reserved = keptReserved(r.uint(2), 2);
    const endOfDay = r.uint(5);
    const uniqueFor = r.uint(9);
    return defined({ kind: 'atsc', segmentationUpidType: 0x0b, tsid, reserved, endOfDay, uniqueFor, contentId: r.rest() });
  }
  if (type === SEGMENTATION_UPID_TYPE.MPU && r.remainingBytes >= 4) {
    const formatIdentifier = r.uint(32);
    return { kind: 'mpu', segmentationUpidType: 0x0c, formatIdentifier, privateData: r.rest() };
  }
  if (type === SEGMENTATION_UPID_TYPE.MID) {
    const upids: SegmentationUpid[] = [];
    while (r.remainingBytes > 0 && r.error === undefined) upids.push(readTypedUpid(r));
    return { kind: 'mid', segmentationUpidType: 0x0d, upids };
  }
  return { kind: 'bytes', segmentationUpidType: type, bytes: r.rest() };
}

/** segmentation_upid_type(8) segmentation_upid_length(8) segmentation_upid(), as inside MID(). */
export function readTypedUpid(r: BitReader): SegmentationUpid {
  const type = r.uint(8);
  const lengthOffset = r.offset;
  const length = r.uint(8);
  if (r.error === undefined && length > r.remainingBytes) {
    r.fail(
      manifestError('SCTE35_LENGTH_OVERRUN', `segmentation_upid_length ${length} runs past its container (${r.remainingBytes} bytes left)`, {
        offset: lengthOffset,
        field: 'segmentation_upid_length',
      }),
    );
  }
  const sub = r.sub(length, 'segmentation_upid');
  const upid = readSegmentationUpid(type, sub);
  if (sub.error !== undefined) r.fail(sub.error);
  return upid;
}

function upidBody(upid: SegmentationUpid): Uint8Array {
  const w = new BitWriter();
  switch (upid.kind) {
    case 'bytes':
      w.bytes(upid.bytes);
      break;
    case 'atsc':
      w.uint(16, upid.tsid);
      w.reserved(2, upid.reserved);
      w.uint(5, upid.endOfDay);
      w.uint(9, upid.uniqueFor);
      w.bytes(upid.contentId);
      break;
    case 'mpu':
      w.uint(32, upid.formatIdentifier);
      w.bytes(upid.privateData);
      break;
    case 'mid':
      for (const inner of upid.upids) writeTypedUpid(w, inner);
      break;
  }
  return w.finish();
}

/** Writes type, length and value. A value over 255 bytes cannot be expressed; it is cut at 255. */
export function writeTypedUpid(w: BitWriter, upid: SegmentationUpid): void {
  const body = upidBody(upid).subarray(0, 255);
  w.uint(8, upid.segmentationUpidType);
  w.uint(8, body.length);
  w.bytes(body);
}

/** A UPID of a text type (ADI, URI, Ad-ID…) from a string, UTF-8 encoded. */
export function textUpid(segmentationUpidType: number, text: string): SegmentationUpid {
  return { kind: 'bytes', segmentationUpidType, bytes: new TextEncoder().encode(text) };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Characters of a text UPID: UTF-8 when the bytes are valid UTF-8, else one character per byte. */
export function upidText(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return String.fromCharCode(...bytes);
  }
}

function groups(hex: string, size: number, sep: string): string {
  const parts: string[] = [];
  for (let i = 0; i < hex.length; i += size) parts.push(hex.slice(i, i + size));
  return parts.join(sep);
}

function fourCc(value: number): string {
  const chars = [24, 16, 8, 0].map((s) => (value >>> s) & 0xff);
  return chars.every((c) => c >= 0x20 && c < 0x7f) ? String.fromCharCode(...chars) : `0x${value.toString(16).padStart(8, '0')}`;
}

/**
 * The usual printed form of a UPID: text for text types, `0x…` for TI (as the spec's §14 samples
 * print it), `10.<prefix>/XXXX-XXXX-XXXX-XXXX-XXXX` for EIDR, dashed hex for ISAN and UUID, dotted
 * hex for UMID, `<format>:0x<data>` for MPU, fields for ATSC, and the entries joined by `;` for MID.
 */
export function formatUpid(upid: SegmentationUpid): string {
  switch (upid.kind) {
    case 'atsc':
      return `tsid=${upid.tsid};end_of_day=${upid.endOfDay};unique_for=${upid.uniqueFor};content_id=0x${toHex(upid.contentId)}`;
    case 'mpu':
      return `${fourCc(upid.formatIdentifier)}:0x${toHex(upid.privateData)}`;
    case 'mid':
      return upid.upids.map(formatUpid).join(';');
    case 'bytes':
      return formatBytesUpid(upid.segmentationUpidType, upid.bytes);
  }
}

function formatBytesUpid(type: number, bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  if (TEXT_TYPES.has(type)) return upidText(bytes);
  const hex = toHex(bytes);
  if (type === SEGMENTATION_UPID_TYPE.EIDR && bytes.length === 12) {
    const prefix = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
    return `10.${prefix}/${groups(hex.slice(4).toUpperCase(), 4, '-')}`;
  }
  if ((type === SEGMENTATION_UPID_TYPE.ISAN || type === SEGMENTATION_UPID_TYPE.ISAN_DEPRECATED) && bytes.length % 2 === 0) {
    return groups(hex.toUpperCase(), 4, '-');
  }
  if (type === SEGMENTATION_UPID_TYPE.UUID && bytes.length === 16) {
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  if (type === SEGMENTATION_UPID_TYPE.UMID) return groups(hex.toUpperCase(), 8, '.');
  return `0x${hex}`;
}
