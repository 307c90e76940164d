/**
 * A forgiving attribute-list reader for cue tags. Cue tags are written by many encoders and
 * few of them follow RFC 8216bis §4.2 to the letter: spaces after commas (`ID=1, TIME=2`),
 * typographic quotes (the SCTE 35 §12.2.2 example uses ” …”), mixed-case names
 * (`ElapsedTime=`). The HLS parser has its own strict-position reader for rewriting; this one
 * only answers "what is NAME's value", and cues may not import hls anyway.
 */

export interface CueAttributes {
  /** Value of the first attribute named `name` (compared case-insensitively), without quotes. */
  get(name: string): string | undefined;
  readonly names: readonly string[];
  /** Set when part of the text could not be read (an attribute without `=`, an open quote). */
  readonly problem?: string;
}

const OPEN_QUOTES = new Set(['"', '\u201c', '\u201d']);

function closeQuoteIndex(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (OPEN_QUOTES.has(text[i] ?? '')) return i;
  return -1;
}

/** Reads `NAME=value,NAME="quoted, value",…`. Never throws. */
export function readCueAttributes(text: string): CueAttributes {
  const values = new Map<string, string>();
  const names: string[] = [];
  let problem: string | undefined;
  let i = 0;
  const len = text.length;
  while (i < len) {
    while (i < len && (text[i] === ' ' || text[i] === '\t' || text[i] === ',')) i++;
    if (i >= len) break;
    const eq = text.indexOf('=', i);
    const comma = text.indexOf(',', i);
    if (eq < 0 || (comma >= 0 && comma < eq)) {
      problem ??= `"${text.slice(i, comma < 0 ? len : comma).trim()}" has no "=value"`;
      i = comma < 0 ? len : comma + 1;
      continue;
    }
    const name = text.slice(i, eq).trim();
    i = eq + 1;
    while (i < len && (text[i] === ' ' || text[i] === '\t')) i++;
    let value: string;
    if (OPEN_QUOTES.has(text[i] ?? '')) {
      const close = closeQuoteIndex(text, i + 1);
      if (close < 0) {
        problem ??= `unterminated quoted value for ${name}`;
        value = text.slice(i + 1);
        i = len;
      } else {
        value = text.slice(i + 1, close);
        i = close + 1;
        const next = text.indexOf(',', i);
        if (text.slice(i, next < 0 ? len : next).trim() !== '') problem ??= `unexpected text after the quoted value of ${name}`;
        i = next < 0 ? len : next + 1;
      }
    } else {
      const next = text.indexOf(',', i);
      value = text.slice(i, next < 0 ? len : next).trim();
      i = next < 0 ? len : next + 1;
    }
    if (name === '') {
      problem ??= 'attribute without a name';
      continue;
    }
    const key = name.toUpperCase();
    if (!values.has(key)) {
      values.set(key, value);
      names.push(name);
    }
  }
  const get = (name: string): string | undefined => values.get(name.toUpperCase());
  return problem === undefined ? { get, names } : { get, names, problem };
}
