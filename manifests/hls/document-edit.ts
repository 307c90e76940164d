/**
 * Edits on a document. Each returns a new document and leaves its input alone; lines that are
 * not touched are carried over as the same objects, so they serialize exactly as read.
 *
 * These are the building blocks for the splice writer: a segment's lines are
 * `[segment.firstLine, segment.uriLine]` (see `HlsSegment`), so removing a group of segments
 * is `removeLines(doc, first.firstLine, last.uriLine + 1)` and inserting an ad is
 * `insertLines(doc, at, [tagLine(HLS_TAG.DISCONTINUITY), tagLine(HLS_TAG.EXTINF, '6.006,'), uriLine(url)])`.
 * Work from the last edit to the first (or re-run `buildHlsPlaylist`) so that line indexes
 * stay valid.
 */
import { tagLine, withTagValue, type HlsDocument, type HlsLine, type HlsTagLine } from './document.js';
import { HLS_TAG } from './tags.js';

/** Replaces lines [start, end) with `lines`. Indexes are clamped to the document. */
export function replaceLines(doc: HlsDocument, start: number, end: number, lines: readonly HlsLine[]): HlsDocument {
  const n = doc.lines.length;
  const s = Math.max(0, Math.min(start, n));
  const e = Math.max(s, Math.min(end, n));
  return { ...doc, lines: [...doc.lines.slice(0, s), ...lines, ...doc.lines.slice(e)] };
}

/** Inserts `lines` before line `at` (`at` = lines.length appends). */
export function insertLines(doc: HlsDocument, at: number, lines: readonly HlsLine[]): HlsDocument {
  return replaceLines(doc, at, at, lines);
}

/** Removes lines [start, end). */
export function removeLines(doc: HlsDocument, start: number, end: number): HlsDocument {
  return replaceLines(doc, start, end, []);
}

/** Index of the first tag line with this name, or -1. */
export function findTag(doc: HlsDocument, name: string, from = 0): number {
  const { lines } = doc;
  for (let i = Math.max(0, from); i < lines.length; i++) {
    const l = lines[i];
    if (l?.type === 'tag' && l.name === name) return i;
  }
  return -1;
}

/** Every tag line with this name, with its index. */
export function findTags(doc: HlsDocument, name: string): { readonly index: number; readonly line: HlsTagLine }[] {
  const out: { index: number; line: HlsTagLine }[] = [];
  doc.lines.forEach((line, index) => {
    if (line.type === 'tag' && line.name === name) out.push({ index, line });
  });
  return out;
}

/**
 * Sets a header tag's value (EXT-X-MEDIA-SEQUENCE, EXT-X-DISCONTINUITY-SEQUENCE,
 * EXT-X-TARGETDURATION, …): the first occurrence is rewritten in place; when the tag is absent
 * it is added right after the header's last line among #EXTM3U / EXT-X-VERSION /
 * EXT-X-TARGETDURATION / EXT-X-MEDIA-SEQUENCE, which keeps the usual header order.
 */
export function setHeaderTag(doc: HlsDocument, name: string, value: string): HlsDocument {
  const at = findTag(doc, name);
  if (at >= 0) {
    const line = doc.lines[at] as HlsTagLine;
    if (line.value === value) return doc;
    return replaceLines(doc, at, at + 1, [withTagValue(line, value)]);
  }
  let insertAt = 0;
  const anchors: ReadonlySet<string> = new Set([HLS_TAG.EXTM3U, HLS_TAG.VERSION, HLS_TAG.TARGETDURATION, HLS_TAG.MEDIA_SEQUENCE]);
  for (let i = 0; i < doc.lines.length; i++) {
    const l = doc.lines[i];
    if (l?.type === 'uri') break;
    if (l?.type === 'tag' && anchors.has(l.name)) insertAt = i + 1;
  }
  return insertLines(doc, insertAt, [tagLine(name, value)]);
}

/** Removes every tag line with this name (EXT-X-ENDLIST when turning VOD into live, say). */
export function removeTags(doc: HlsDocument, name: string): HlsDocument {
  const lines = doc.lines.filter((l) => !(l.type === 'tag' && l.name === name));
  return lines.length === doc.lines.length ? doc : { ...doc, lines };
}
