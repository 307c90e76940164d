import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, chunkArgs, chunkFields, joinChunks, MAX_CHUNKS } from '../../../src/sessions/stored-chunks.js';

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i % 251));

/** What a script stores for `args`, as HMGET of chunkFields would answer. */
function stored(field: string, args: (string | number | Buffer)[]): unknown[] {
  const count = args[0] as number;
  const set = new Map<unknown, unknown>();
  for (let i = 0; i < count; i++) set.set(args[1 + 2 * i], args[2 + 2 * i]);
  return chunkFields(field).map((name) => set.get(name) ?? null);
}

describe('stored chunks', () => {
  it('names chunk fields after the kind letter, so they are never another value\'s field', () => {
    expect(chunkFields('s')).toEqual(['s', 's1', 's2', 's3', 's4', 's5', 's6', 's7']);
    expect(chunkFields('d:seq-1').slice(0, 3)).toEqual(['d:seq-1', 'd1:seq-1', 'd2:seq-1']);
    expect(chunkFields('l:v').every((f, i) => i === 0 || !f.startsWith('l:'))).toBe(true);
  });

  it('splits into pieces of at most CHUNK_BYTES and joins them back, for every length it chunks', () => {
    for (let n = 1; n <= CHUNK_BYTES * MAX_CHUNKS; n++) {
      const value = bytes(n);
      const args = chunkArgs('d:b1', value);
      expect(args[0]).toBe(Math.ceil(n / CHUNK_BYTES));
      const replies = stored('d:b1', args);
      expect(replies.filter((r): r is Buffer => Buffer.isBuffer(r)).every((piece) => piece.length <= CHUNK_BYTES)).toBe(true);
      expect(joinChunks(replies)?.equals(value)).toBe(true);
    }
  });

  it('names every chunk field in order, the unused ones last (to delete)', () => {
    const args = chunkArgs('l:v', bytes(100));
    expect(args.filter((a): a is string => typeof a === 'string')).toEqual(chunkFields('l:v'));
  });

  it('stores a value longer than MAX_CHUNKS pieces whole, and deletes every chunk field', () => {
    const value = bytes(CHUNK_BYTES * MAX_CHUNKS + 1);
    const args = chunkArgs('s', value);
    expect(args.slice(0, 3)).toEqual([1, 's', value]);
    expect(args.slice(3)).toEqual(chunkFields('s').slice(1));
  });

  it('reads a value without chunk fields (written before chunking) as it is, and a missing one as undefined', () => {
    const value = bytes(200);
    expect(joinChunks([value, null, null])?.equals(value)).toBe(true);
    expect(joinChunks([null, bytes(3)])).toBeUndefined();
    expect(joinChunks([bytes(3), null, bytes(4)])?.length).toBe(3);
  });
});
