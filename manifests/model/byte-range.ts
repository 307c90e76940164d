/**
 * A sub-range of a resource: `length` bytes starting at `offset`. `offset` is undefined only
 * when the playlist left it implicit and nothing before it says where the range starts.
 */
export interface ByteRange {
  readonly length: number;
  readonly offset?: number;
}

/** Reads `<length>[@<offset>]` (EXT-X-BYTERANGE, BYTERANGE attributes). */
export function parseByteRange(text: string): ByteRange | undefined {
  const m = /^\s*(\d+)(?:@(\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const length = Number(m[1]);
  if (!Number.isSafeInteger(length)) return undefined;
  if (m[2] === undefined) return { length };
  const offset = Number(m[2]);
  return Number.isSafeInteger(offset) ? { length, offset } : undefined;
}
