/**
 * A lossless rewrite of JSON that makes runs of similar records compress better: in an
 * array, an integer member of an object becomes its difference to the same member of the
 * object before it. Live splice state is such runs (slots with consecutive output MSNs,
 * in-break segments a segment duration apart), and deflate codes `"m":1` in every slot as
 * one long repeat where `"m":100003` costs literals each time (packed-json.ts format 3).
 *
 * Only whole-JSON text round-trips are promised: deltaCode answers undefined for any text
 * it cannot give back byte for byte (non-canonical spacing or numbers, unsafe integers …),
 * and the caller stores that text as it is.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isRecord = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The delta-coded text of `text`, or undefined when coding changes nothing or would not round-trip. */
export function deltaCode(text: string): string | undefined {
  if (!text.includes('[{')) return undefined;
  let coded: string;
  try {
    coded = JSON.stringify(walk(JSON.parse(text) as Json, encodeMember));
  } catch {
    return undefined;
  }
  // The check is the guarantee: whatever JSON.parse/stringify do not give back exactly stays plain.
  return coded !== text && deltaDecode(coded) === text ? coded : undefined;
}

/** The original text of deltaCode's output; throws (SyntaxError) on text that is not JSON. */
export function deltaDecode(coded: string): string {
  return JSON.stringify(walk(JSON.parse(coded) as Json, decodeMember));
}

/** How one member is rewritten, given the same member of the previous object in the array (original values). */
type Member = (value: number, previous: number) => number;

const encodeMember: Member = (value, previous) => value - previous;
const decodeMember: Member = (value, previous) => value + previous;

function walk(v: Json, member: Member): Json {
  if (Array.isArray(v)) return walkArray(v, member);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, member)]));
  return v;
}

function walkArray(items: readonly Json[], member: Member): Json[] {
  let previous: { [k: string]: Json } | undefined;
  return items.map((item) => {
    if (!isRecord(item)) {
      previous = undefined;
      return walk(item, member);
    }
    const before = previous;
    const out = Object.fromEntries(Object.entries(item).map(([k, x]) => {
      const p = before === undefined || !Object.hasOwn(before, k) ? undefined : before[k];
      return [k, Number.isSafeInteger(x) && Number.isSafeInteger(p) ? member(x as number, p as number) : walk(x, member)];
    }));
    // The next item is coded against this one as it was before coding.
    previous = member === encodeMember ? item : out;
    return out;
  });
}
