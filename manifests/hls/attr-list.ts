/**
 * Attribute lists (RFC 8216bis §4.2): `NAME=value,NAME="quoted, with commas",...`.
 *
 * The reader is a single pass over the text that records, for every attribute, where its value
 * sits, so a writer can change one value (a URI, say) and keep every other byte as the origin
 * wrote it: order, quoting, stray spaces. Reading is lenient in what it accepts (spaces around
 * `=` and `,`, lower-case names) and reports what it could not read as a `problem` instead of
 * failing: the line itself is always kept verbatim by the document.
 */

export interface HlsAttribute {
  readonly name: string;
  /** The value without its quotes. */
  readonly value: string;
  readonly quoted: boolean;
  /** Offsets of the value text (inside the quotes when quoted) in the attribute-list text. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface AttributeList {
  readonly entries: readonly HlsAttribute[];
  /** Set when part of the text could not be read; the entries read before and after are kept. */
  readonly problem?: string;
}

const COMMA = 44;
const EQUALS = 61;
const QUOTE = 34;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Reads an attribute list. Never throws; see `problem` for what was skipped. */
export function parseAttributeList(text: string): AttributeList {
  const entries: HlsAttribute[] = [];
  let problem: string | undefined;
  const len = text.length;
  let i = 0;
  while (i < len) {
    while (i < len && isSpace(text.charCodeAt(i))) i++;
    if (i >= len) break;
    const nameStart = i;
    while (i < len && text.charCodeAt(i) !== EQUALS && text.charCodeAt(i) !== COMMA) i++;
    const name = text.slice(nameStart, i).trim();
    if (i >= len || text.charCodeAt(i) === COMMA) {
      problem ??= `"${name}" has no "=value" at offset ${nameStart}`;
      i++;
      continue;
    }
    if (name === '') problem ??= `attribute without a name at offset ${nameStart}`;
    i++; // past '='
    while (i < len && isSpace(text.charCodeAt(i))) i++;
    if (i < len && text.charCodeAt(i) === QUOTE) {
      const valueStart = i + 1;
      const close = text.indexOf('"', valueStart);
      if (close < 0) {
        problem ??= `unterminated quoted string for ${name}`;
        if (name !== '') entries.push({ name, value: text.slice(valueStart), quoted: true, valueStart, valueEnd: len });
        break;
      }
      if (name !== '') entries.push({ name, value: text.slice(valueStart, close), quoted: true, valueStart, valueEnd: close });
      i = close + 1;
      while (i < len && isSpace(text.charCodeAt(i))) i++;
      if (i < len && text.charCodeAt(i) !== COMMA) {
        problem ??= `unexpected text after the quoted value of ${name}`;
        while (i < len && text.charCodeAt(i) !== COMMA) i++;
      }
      i++; // past ','
      continue;
    }
    const valueStart = i;
    while (i < len && text.charCodeAt(i) !== COMMA) i++;
    let valueEnd = i;
    while (valueEnd > valueStart && isSpace(text.charCodeAt(valueEnd - 1))) valueEnd--;
    if (name !== '') entries.push({ name, value: text.slice(valueStart, valueEnd), quoted: false, valueStart, valueEnd });
    i++;
  }
  return problem === undefined ? { entries } : { entries, problem };
}

/** The first attribute with this name (a list must not repeat a name; if it does, the first wins). */
export function findAttribute(list: AttributeList, name: string): HlsAttribute | undefined {
  for (const e of list.entries) if (e.name === name) return e;
  return undefined;
}

export function attrString(list: AttributeList, name: string): string | undefined {
  return findAttribute(list, name)?.value;
}

/** decimal-integer: digits only; undefined for anything else. */
export function attrInt(list: AttributeList, name: string): number | undefined {
  const v = findAttribute(list, name)?.value;
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** decimal-floating-point or signed-decimal-floating-point. */
export function attrFloat(list: AttributeList, name: string): number | undefined {
  const v = findAttribute(list, name)?.value;
  if (v === undefined || !/^-?\d+(?:\.\d*)?$|^-?\.\d+$/.test(v)) return undefined;
  return Number(v);
}

/** enumerated-string YES/NO as a boolean; undefined when absent or neither. */
export function attrYesNo(list: AttributeList, name: string): boolean | undefined {
  const v = findAttribute(list, name)?.value;
  return v === 'YES' ? true : v === 'NO' ? false : undefined;
}

export interface Resolution {
  readonly width: number;
  readonly height: number;
}

/** decimal-resolution `<width>x<height>`. */
export function attrResolution(list: AttributeList, name: string): Resolution | undefined {
  const v = findAttribute(list, name)?.value;
  const m = v === undefined ? null : /^(\d+)x(\d+)$/.exec(v);
  if (!m) return undefined;
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Every attribute as a plain name → value record (first occurrence wins), for JSON views. */
export function attributeRecord(list: AttributeList): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of list.entries) if (!(e.name in out)) out[e.name] = e.value;
  return out;
}

export interface AttributeToWrite {
  readonly name: string;
  readonly value: string;
  readonly quoted: boolean;
}

/** Writes attributes in the given order; quoted values get quotes, others are written bare. */
export function serializeAttributeList(entries: readonly AttributeToWrite[]): string {
  let out = '';
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    if (e === undefined) continue;
    if (k > 0) out += ',';
    out += e.quoted ? `${e.name}="${e.value}"` : `${e.name}=${e.value}`;
  }
  return out;
}

/**
 * Replaces one attribute's value inside the list text, leaving every other byte alone.
 * `attr` must come from `parseAttributeList(text)`.
 */
export function replaceAttributeValue(text: string, attr: HlsAttribute, value: string): string {
  return text.slice(0, attr.valueStart) + value + text.slice(attr.valueEnd);
}
