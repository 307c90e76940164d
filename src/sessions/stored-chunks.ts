/**
 * Packed values split over hash fields of at most CHUNK_BYTES each. Redis keeps a hash as a
 * compact listpack only while every field and value is at most `hash-max-listpack-value`
 * (64 B by default); one longer value turns the whole hash into a table that costs ~60 B
 * more per field. A session's values are 50–150 B packed, so each is stored as up to
 * MAX_CHUNKS pieces: the first under the value's own field (`s`, `l:<group>`,
 * `d:<break>`), the next ones under the chunk fields `s1`, `l1:<group>`, `d1:<break>` …
 * (the index goes after the kind letter, so a chunk field never looks like another value's
 * field, and `d:` still lists decisions only).
 *
 * Readers ask for all MAX_CHUNKS fields of a value in the same HMGET (missing ones are nil)
 * and join the pieces up to the first gap. Writers (the Lua scripts of redis-scripts.ts) set
 * a value's pieces and delete its other chunk fields in one script, so no reader sees a mix
 * of two writes. A value written before chunking is one field without chunk fields, and
 * reads as it is; so does one longer than MAX_CHUNKS pieces, which is stored whole (and
 * costs the listpack, as every value did before).
 */

/** 63 rather than 64: a listpack entry of up to 63 B has a one-byte header instead of two. */
export const CHUNK_BYTES = 63;
export const MAX_CHUNKS = 8;

/**
 * The fields of a value, its own first: the order of the pieces. interludeStateTouchRead
 * (redis-scripts.ts) spells the same names in Lua.
 */
export function chunkFields(field: string): string[] {
  const names = [field];
  for (let i = 1; i < MAX_CHUNKS; i++) names.push(`${field.slice(0, 1)}${i}${field.slice(1)}`);
  return names;
}

/**
 * Script arguments that store `value` under `field`: the number of fields to set, those
 * fields and their pieces, then the value's other chunk fields (to delete). Together the
 * names are chunkFields(field) in order, which is what a script that reads the value back
 * uses.
 */
export function chunkArgs(field: string, value: Buffer): (string | number | Buffer)[] {
  const names = chunkFields(field);
  const count = value.length > CHUNK_BYTES * MAX_CHUNKS ? 1 : Math.max(1, Math.ceil(value.length / CHUNK_BYTES));
  const pieces = count === 1 ? [value] : names.slice(0, count).map((_, i) => value.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
  return [count, ...pieces.flatMap((piece, i) => [names[i] ?? field, piece]), ...names.slice(count)];
}

/**
 * The value whose chunk fields' replies (in chunkFields order) are `replies`; undefined when
 * its first field is missing.
 */
export function joinChunks(replies: readonly unknown[]): Buffer | undefined {
  const pieces: Buffer[] = [];
  for (const reply of replies) {
    if (!Buffer.isBuffer(reply)) break;
    pieces.push(reply);
  }
  if (pieces.length <= 1) return pieces[0];
  return Buffer.concat(pieces);
}
