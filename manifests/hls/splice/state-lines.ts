/**
 * The lines that put the player's decryption key and init section in the right state before
 * a segment. Each state is written as the exact lines that set it, and the lines double as
 * the state's signature: the writer restates only when the signature changes.
 */
import { parseAttributeList, findAttribute, replaceAttributeValue } from '../attr-list.js';
import { tagLine, type HlsLine, type HlsTagLine } from '../document.js';
import type { HlsMediaPlaylist, HlsSegment } from '../playlist-types.js';
import { HLS_ATTR, HLS_TAG, KEY_METHOD } from '../tags.js';

export interface StateLines {
  readonly lines: readonly HlsTagLine[];
  readonly sig: string;
}

export const CLEAR: StateLines = { lines: [tagLine(HLS_TAG.KEY, `${HLS_ATTR.METHOD}=${KEY_METHOD.NONE}`)], sig: '' };
export const NO_MAP: StateLines = { lines: [], sig: '' };
/** Shared: a clear content segment is the common case and must not allocate. */
const CLEAR_UNPINNED: StateLines & { readonly pinned: boolean } = { ...CLEAR, pinned: false };

function lineAt(playlist: HlsMediaPlaylist, index: number): HlsTagLine | undefined {
  const l = playlist.document.lines[index];
  return l?.type === 'tag' ? l : undefined;
}

/** The tag with its URI attribute passed through `rewrite` (other bytes kept). */
export function rewriteUriAttr(line: HlsTagLine, rewrite: (uri: string) => string): HlsTagLine {
  const attr = findAttribute(parseAttributeList(line.value), HLS_ATTR.URI);
  if (attr === undefined) return line;
  return tagLine(line.name, replaceAttributeValue(line.value, attr, rewrite(attr.value)));
}

/** 128-bit big-endian hex of a media sequence number: the IV AES-128 implies (RFC 8216bis §5.2). */
export function sequenceIv(msn: number): string {
  return `0x${msn.toString(16).padStart(32, '0')}`;
}

/**
 * Keys in force for a content segment. When the output renumbers the segment and a key is
 * AES-128 without an IV, the IV the origin implied (its own MSN) is written out, because the
 * player would otherwise derive it from the new number.
 */
export function contentKeys(playlist: HlsMediaPlaylist, seg: HlsSegment, outputMsn: number): StateLines & { readonly pinned: boolean } {
  if (seg.keys.length === 0) return CLEAR_UNPINNED;
  let pinned = false;
  const lines: HlsTagLine[] = [];
  for (const key of seg.keys) {
    const line = lineAt(playlist, key.line);
    if (line === undefined) continue;
    if (key.method === KEY_METHOD.AES_128 && key.iv === undefined && outputMsn !== seg.mediaSequence) {
      pinned = true;
      lines.push(tagLine(line.name, `${line.value},${HLS_ATTR.IV}=${sequenceIv(seg.mediaSequence)}`));
    } else lines.push(line);
  }
  return { lines, sig: lines.map((l) => l.raw).join('\n'), pinned };
}

export function contentMap(playlist: HlsMediaPlaylist, seg: HlsSegment): StateLines {
  const line = seg.map === undefined ? undefined : lineAt(playlist, seg.map.line);
  return line === undefined ? NO_MAP : { lines: [line], sig: line.raw };
}

/** Keys of an ad (or slate) segment, URIs rewritten; clear when the ad is clear. */
export function adKeys(playlist: HlsMediaPlaylist, seg: HlsSegment, rewrite: (uri: string) => string): StateLines {
  if (seg.keys.length === 0) return CLEAR;
  const lines: HlsTagLine[] = [];
  for (const key of seg.keys) {
    const line = lineAt(playlist, key.line);
    if (line === undefined) continue;
    const l = rewriteUriAttr(line, rewrite);
    // An ad's implied IV is its own MSN, which the output changes: make it explicit.
    lines.push(key.method === KEY_METHOD.AES_128 && key.iv === undefined
      ? tagLine(l.name, `${l.value},${HLS_ATTR.IV}=${sequenceIv(seg.mediaSequence)}`)
      : l);
  }
  return { lines, sig: lines.map((l) => l.raw).join('\n') };
}

export function adMap(playlist: HlsMediaPlaylist, seg: HlsSegment, rewrite: (uri: string) => string): StateLines {
  const line = seg.map === undefined ? undefined : lineAt(playlist, seg.map.line);
  if (line === undefined) return NO_MAP;
  const l = rewriteUriAttr(line, rewrite);
  return { lines: [l], sig: l.raw };
}

/** Tags that describe a media segment itself; everything else on a dropped segment is carried over. */
const SEGMENT_TAGS: ReadonlySet<string> = new Set([
  HLS_TAG.EXTINF, HLS_TAG.BYTERANGE, HLS_TAG.DISCONTINUITY, HLS_TAG.KEY, HLS_TAG.MAP,
  HLS_TAG.PROGRAM_DATE_TIME, HLS_TAG.GAP, HLS_TAG.BITRATE, HLS_TAG.PART,
]);

/** The lines of a content segment the splice drops that must still be written (cues, DATERANGE, unknown tags, comments). */
export function carriedLines(lines: readonly HlsLine[]): HlsLine[] {
  return lines.filter((l) => (l.type === 'tag' && !SEGMENT_TAGS.has(l.name)) || l.type === 'comment');
}
