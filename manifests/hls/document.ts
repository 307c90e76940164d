/**
 * The lossless layer: a playlist as the ordered lines it was written with. Every line keeps its
 * exact text (`raw`), so serializing an unchanged document gives back the input byte for byte
 * (CRLF is read as LF, and that is the only change). The typed playlist (`playlist-types.ts`)
 * is a view over this list; edits build a new list with new lines, and every line that was
 * not touched keeps its original text.
 *
 * A line is one of:
 * - tag: starts with `#EXT`; `name` is the text between `#` and the first `:`, `value` what
 *   follows the colon ('' when there is none);
 * - uri: any line not starting with `#` that is not blank;
 * - comment: starts with `#` but not `#EXT`;
 * - blank: empty or whitespace only.
 */

export interface HlsTagLine {
  readonly type: 'tag';
  readonly name: string;
  readonly value: string;
  readonly raw: string;
}

export interface HlsUriLine {
  readonly type: 'uri';
  /** The URI without surrounding whitespace. */
  readonly uri: string;
  readonly raw: string;
}

export interface HlsCommentLine {
  readonly type: 'comment';
  readonly raw: string;
}

export interface HlsBlankLine {
  readonly type: 'blank';
  readonly raw: string;
}

export type HlsLine = HlsTagLine | HlsUriLine | HlsCommentLine | HlsBlankLine;

export interface HlsDocument {
  readonly lines: readonly HlsLine[];
  /** Whether the text ended with a line break (many origins omit the last one). */
  readonly finalNewline: boolean;
  /** Whether the text started with a UTF-8 byte order mark, written back as it came. */
  readonly bom: boolean;
}

const HASH = 35;

/** Classifies one line of text (without its line break). */
export function scanLine(raw: string): HlsLine {
  if (raw.length === 0) return { type: 'blank', raw };
  const c0 = raw.charCodeAt(0);
  if (c0 === HASH) {
    if (!raw.startsWith('#EXT')) return { type: 'comment', raw };
    const colon = raw.indexOf(':');
    let name = colon < 0 ? raw.slice(1) : raw.slice(1, colon);
    const last = name.charCodeAt(name.length - 1);
    if (last === 32 || last === 9) name = name.trimEnd();
    return { type: 'tag', name, value: colon < 0 ? '' : raw.slice(colon + 1), raw };
  }
  if (c0 === 32 || c0 === 9 || raw.charCodeAt(raw.length - 1) <= 32) {
    const uri = raw.trim();
    return uri === '' ? { type: 'blank', raw } : { type: 'uri', uri, raw };
  }
  return { type: 'uri', uri: raw, raw };
}

/** Splits text into a document. Never fails: deciding whether it is a playlist is the parser's job. */
export function scanDocument(input: string): HlsDocument {
  let text = input;
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n');
  const finalNewline = text.endsWith('\n');
  const parts = text.split('\n');
  if (finalNewline) parts.pop();
  const lines: HlsLine[] = new Array<HlsLine>(parts.length);
  for (let i = 0; i < parts.length; i++) lines[i] = scanLine(parts[i] ?? '');
  return { lines, finalNewline, bom };
}

/** Writes a document back to text with LF line breaks. */
export function serializeDocument(doc: HlsDocument): string {
  const { lines } = doc;
  let out = doc.bom ? '\uFEFF' : '';
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) out += '\n';
    out += (lines[i] as HlsLine).raw;
  }
  return doc.finalNewline && lines.length > 0 ? `${out}\n` : out;
}

/** A new tag line; `value` undefined writes `#NAME`, otherwise `#NAME:value`. */
export function tagLine(name: string, value?: string): HlsTagLine {
  return { type: 'tag', name, value: value ?? '', raw: value === undefined ? `#${name}` : `#${name}:${value}` };
}

export function uriLine(uri: string): HlsUriLine {
  return { type: 'uri', uri, raw: uri };
}

/** A comment line; `text` is written after `# `. */
export function commentLine(text: string): HlsCommentLine {
  return { type: 'comment', raw: `# ${text}` };
}

export function blankLine(): HlsBlankLine {
  return { type: 'blank', raw: '' };
}

/** The same tag with a new value; the name is written as it was. */
export function withTagValue(line: HlsTagLine, value: string): HlsTagLine {
  const colon = line.raw.indexOf(':');
  const head = colon < 0 ? line.raw : line.raw.slice(0, colon);
  return { type: 'tag', name: line.name, value, raw: `${head}:${value}` };
}

/** The same URI line pointing elsewhere; leading and trailing whitespace is kept. */
export function withUri(line: HlsUriLine, uri: string): HlsUriLine {
  if (line.raw === line.uri) return { type: 'uri', uri, raw: uri };
  const at = line.raw.indexOf(line.uri);
  return { type: 'uri', uri, raw: line.raw.slice(0, at) + uri + line.raw.slice(at + line.uri.length) };
}
