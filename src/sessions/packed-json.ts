/**
 * The bytes a JSON value is stored as in Redis. Per-session values are a few hundred bytes
 * of JSON whose keys repeat in every session; deflate with a preset dictionary of those keys
 * (state-dictionary.ts) stores them in about a fifth of that, which is most of what a live
 * session costs in Redis.
 *
 * The first byte says how to read the rest:
 *   0x01        raw deflate (level 9) with STATE_DICTIONARY_V1 of the UTF-8 JSON text
 *               (written by versions before format 2; read only)
 *   0x02        raw deflate (level 9) with STATE_DICTIONARY_V2 of the UTF-8 JSON text
 *   0x03        the same, of the text's json-delta.ts coding (arrays of similar records)
 *   0x04–0x1f   reserved for later formats (an older instance reports them STORE_CORRUPT)
 *   anything else  the UTF-8 JSON text itself: tiny values that deflate does not shrink, and
 *               everything versions before packing wrote (JSON.stringify never starts
 *               with a control byte)
 *
 * Pure: equal text gives equal bytes (fixed level, dictionary, coding and zlib), which is
 * what lets PlaylistState.version be built from stored bytes.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { deltaCode, deltaDecode } from './json-delta.js';
import { storeCorrupt } from './store-errors.js';
import { STATE_DICTIONARY_V1, STATE_DICTIONARY_V2 } from './state-dictionary.js';

const DEFLATE_V1 = 0x01;
const DEFLATE_V2 = 0x02;
const DELTA_DEFLATE_V2 = 0x03;
const LAST_RESERVED = 0x1f;
/** Far above any value we write; stops a corrupt or hostile value from inflating without bound. */
const MAX_TEXT_BYTES = 1 << 20;

export function packJson(text: string): Buffer {
  const plain = Buffer.from(text, 'utf8');
  const coded = deltaCode(text);
  const [format, source] = coded === undefined ? [DEFLATE_V2, plain] : [DELTA_DEFLATE_V2, Buffer.from(coded, 'utf8')];
  const deflated = deflateRawSync(source, { level: 9, dictionary: STATE_DICTIONARY_V2 });
  if (deflated.length + 1 >= plain.length) return plain;
  const out = Buffer.allocUnsafe(deflated.length + 1);
  out[0] = format;
  deflated.copy(out, 1);
  return out;
}

/** The JSON text of stored bytes; STORE_CORRUPT (naming `store` and `key`) when they do not unpack. */
export function unpackJson(bytes: Buffer, store: string, key: string): string {
  const format = bytes[0];
  if (format === undefined || format > LAST_RESERVED) return bytes.toString('utf8');
  if (format !== DEFLATE_V1 && format !== DEFLATE_V2 && format !== DELTA_DEFLATE_V2) throw storeCorrupt(store, key);
  const dictionary = format === DEFLATE_V1 ? STATE_DICTIONARY_V1 : STATE_DICTIONARY_V2;
  try {
    const text = inflateRawSync(bytes.subarray(1), { dictionary, maxOutputLength: MAX_TEXT_BYTES }).toString('utf8');
    return format === DELTA_DEFLATE_V2 ? deltaDecode(text) : text;
  } catch (cause) {
    throw storeCorrupt(store, key, cause);
  }
}
