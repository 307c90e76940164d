/**
 * URI rewriting: the service points segments, variants and renditions at itself (or at a CDN)
 * without touching anything else. Only URI lines and `URI="…"` attribute values change; every
 * other byte of every line stays as read, and lines whose URI the callback leaves alone are
 * carried over unchanged.
 */
import { findAttribute, parseAttributeList, replaceAttributeValue } from './attr-list.js';
import { withUri, type HlsDocument, type HlsLine } from './document.js';
import { detectKind } from './parse.js';
import type { HlsPlaylist } from './playlist-types.js';
import { HLS_ATTR, HLS_TAG, isKnownTag, type HlsTagName } from './tags.js';

export type UriKind = 'segment' | 'variant' | 'rendition' | 'key' | 'map' | 'iframe' | 'part' | 'preload' | 'other';

export interface UriContext {
  readonly playlistKind: HlsPlaylist['kind'];
  /** 0-based line index in the document. */
  readonly line: number;
  /** The tag carrying the URI attribute; absent for URI lines. */
  readonly tag?: HlsTagName;
  /** For 'segment': 0-based position and media sequence number of the segment. */
  readonly segmentIndex?: number;
  readonly mediaSequence?: number;
}

export type UriRewriter = (uri: string, kind: UriKind, context: UriContext) => string;

/** Which kind of URI a tag's URI attribute is, or undefined when the tag has none we rewrite. */
function attributeUriKind(tag: HlsTagName): UriKind | undefined {
  switch (tag) {
    case HLS_TAG.KEY:
    case HLS_TAG.SESSION_KEY:
      return 'key';
    case HLS_TAG.MAP:
      return 'map';
    case HLS_TAG.MEDIA:
      return 'rendition';
    case HLS_TAG.I_FRAME_STREAM_INF:
      return 'iframe';
    case HLS_TAG.PART:
      return 'part';
    case HLS_TAG.PRELOAD_HINT:
      return 'preload';
    case HLS_TAG.RENDITION_REPORT:
    case HLS_TAG.SESSION_DATA:
      return 'other';
    case HLS_TAG.EXTM3U:
    case HLS_TAG.VERSION:
    case HLS_TAG.INDEPENDENT_SEGMENTS:
    case HLS_TAG.START:
    case HLS_TAG.DEFINE:
    case HLS_TAG.TARGETDURATION:
    case HLS_TAG.MEDIA_SEQUENCE:
    case HLS_TAG.DISCONTINUITY_SEQUENCE:
    case HLS_TAG.ENDLIST:
    case HLS_TAG.PLAYLIST_TYPE:
    case HLS_TAG.I_FRAMES_ONLY:
    case HLS_TAG.PART_INF:
    case HLS_TAG.SERVER_CONTROL:
    case HLS_TAG.EXTINF:
    case HLS_TAG.BYTERANGE:
    case HLS_TAG.DISCONTINUITY:
    case HLS_TAG.PROGRAM_DATE_TIME:
    case HLS_TAG.GAP:
    case HLS_TAG.BITRATE:
    case HLS_TAG.DATERANGE:
    case HLS_TAG.SKIP:
    case HLS_TAG.STREAM_INF:
    case HLS_TAG.CONTENT_STEERING:
      return undefined;
  }
}

/** Returns a new document in which every URI is `fn(uri, kind, context)`. */
export function rewriteUris(doc: HlsDocument, fn: UriRewriter): HlsDocument {
  const playlistKind = detectKind(doc);
  let mediaSequence = 0;
  let segmentIndex = 0;
  let afterStreamInf = false;
  let changed = false;
  const lines: HlsLine[] = doc.lines.map((line, i): HlsLine => {
    if (line.type === 'uri') {
      let kind: UriKind;
      let context: UriContext;
      if (playlistKind === 'media') {
        kind = 'segment';
        context = { playlistKind, line: i, segmentIndex, mediaSequence: mediaSequence + segmentIndex };
        segmentIndex++;
      } else {
        kind = afterStreamInf ? 'variant' : 'other';
        context = { playlistKind, line: i };
        afterStreamInf = false;
      }
      const uri = fn(line.uri, kind, context);
      if (uri === line.uri) return line;
      changed = true;
      return withUri(line, uri);
    }
    if (line.type !== 'tag' || !isKnownTag(line.name)) return line;
    if (line.name === HLS_TAG.STREAM_INF) afterStreamInf = true;
    if (line.name === HLS_TAG.MEDIA_SEQUENCE && /^\s*\d+\s*$/.test(line.value)) mediaSequence = Number(line.value);
    const kind = attributeUriKind(line.name);
    if (kind === undefined || !line.value.includes(HLS_ATTR.URI)) return line;
    const list = parseAttributeList(line.value);
    const attr = findAttribute(list, HLS_ATTR.URI);
    if (attr === undefined) return line;
    const uri = fn(attr.value, kind, { playlistKind, line: i, tag: line.name });
    if (uri === attr.value) return line;
    changed = true;
    const value = replaceAttributeValue(line.value, attr, uri);
    const head = line.raw.slice(0, line.raw.length - line.value.length);
    return { type: 'tag', name: line.name, value, raw: head + value };
  });
  return changed ? { ...doc, lines } : doc;
}
