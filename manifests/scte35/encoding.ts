import { manifestError, type ManifestError } from '../errors.js';
import { err, ok, type Result } from '../result.js';

/**
 * Text forms of a splice_info_section: base64 (as in HLS `#EXT-X-CUE-OUT`/DATERANGE and DASH
 * `xml+bin`) and hex (with or without `0x`, as in DATERANGE `SCTE35-OUT=0x…`). Implemented here,
 * not with Buffer, to keep the core free of Node APIs and to report where bad text starts.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));
// URL-safe base64 appears in query strings; accept it too.
DECODE.set('-', 62);
DECODE.set('_', 63);

function badEncoding(message: string, offset: number): Result<Uint8Array, ManifestError> {
  return err(manifestError('SCTE35_BAD_ENCODING', message, { offset }));
}

function decodeHex(text: string, base: number): Result<Uint8Array, ManifestError> {
  const bad = text.search(/[^0-9a-fA-F]/);
  if (bad >= 0) return badEncoding(`not a hex digit at character ${base + bad}`, base + bad);
  if (text.length % 2 !== 0) return badEncoding('hex text has an odd number of digits', base + text.length);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return ok(out);
}

function decodeBase64(text: string, base: number): Result<Uint8Array, ManifestError> {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end--;
  if (text.length - end > 2) return badEncoding('too much base64 padding', base + end);
  const sextets: number[] = [];
  for (let i = 0; i < end; i++) {
    const v = DECODE.get(text[i] ?? '');
    if (v === undefined) return badEncoding(`not a base64 character at character ${base + i}`, base + i);
    sextets.push(v);
  }
  if (sextets.length % 4 === 1) return badEncoding('base64 text ends in the middle of a byte', base + end);
  if (end !== text.length && text.length % 4 !== 0) return badEncoding('base64 padding does not complete a quantum', base + end);
  const out = new Uint8Array(Math.floor((sextets.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const s of sextets) {
    acc = ((acc << 6) | s) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return ok(out);
}

/**
 * Bytes of a message given as bytes, base64 or hex. Hex is recognised by a `0x` prefix, or by
 * being only hex digits of even length (a base64 splice_info_section always starts with `/`,
 * table_id 0xFC, so the two cannot be confused for real messages).
 */
export function parseScte35Input(input: string | Uint8Array): Result<Uint8Array, ManifestError> {
  if (typeof input !== 'string') return ok(input);
  const lead = input.length - input.trimStart().length;
  const text = input.trim();
  if (/^0x/i.test(text)) return decodeHex(text.slice(2), lead + 2);
  if (text.length > 0 && text.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(text)) return decodeHex(text, lead);
  return decodeBase64(text, lead);
}

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63] ?? '';
    out += ALPHABET[(n >> 12) & 63] ?? '';
    out += b === undefined ? '=' : (ALPHABET[(n >> 6) & 63] ?? '');
    out += c === undefined ? '=' : (ALPHABET[n & 63] ?? '');
  }
  return out;
}

/** Lowercase hex without a prefix (callers add `0x` where their format wants it). */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
