/**
 * Entry points: text → `HlsPlaylist` and back. Parsing is one scan into lines (document.ts)
 * and one pass to build the typed view; m3u8-parser is not on this path because the view must
 * point back at lines, and a single scan is several times faster than its event pipeline
 * (see test/bench/hls-parse.bench.ts).
 */
import { manifestError, type ManifestError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { buildMediaPlaylist } from './build-media.js';
import { buildMultivariantPlaylist } from './build-multivariant.js';
import { scanDocument, serializeDocument, type HlsDocument } from './document.js';
import type { HlsPlaylist } from './playlist-types.js';
import { WarningSink } from './read-helpers.js';
import { HLS_TAG } from './tags.js';

export interface ParseHlsOptions {
  /** Refuse text longer than this many UTF-8 bytes (HLS_TOO_LARGE). */
  readonly maxBytes?: number;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } // surrogate pair: one 4-byte code point
    else n += 3;
  }
  return n;
}

/**
 * Which kind of playlist a document is: multivariant as soon as a variant or rendition tag
 * shows, media as soon as a segment tag does. Usually decided within the first lines.
 */
export function detectKind(doc: HlsDocument): HlsPlaylist['kind'] {
  for (const line of doc.lines) {
    if (line.type !== 'tag') continue;
    switch (line.name) {
      case HLS_TAG.STREAM_INF:
      case HLS_TAG.I_FRAME_STREAM_INF:
      case HLS_TAG.MEDIA:
        return 'multivariant';
      case HLS_TAG.EXTINF:
        return 'media';
      default:
        break;
    }
  }
  return 'media';
}

/**
 * The document must open with #EXTM3U; blank lines and plain comments before it are
 * tolerated (several published samples carry a comment header) and kept.
 */
function checkHeader(doc: HlsDocument): ManifestError | undefined {
  for (let i = 0; i < doc.lines.length; i++) {
    const line = doc.lines[i];
    if (line === undefined || line.type === 'blank' || line.type === 'comment') continue;
    if (line.type === 'tag' && line.name === HLS_TAG.EXTM3U) return undefined;
    return manifestError('HLS_NOT_A_PLAYLIST', `not an HLS playlist: line ${i + 1} comes before #EXTM3U`, { line: i + 1 });
  }
  return manifestError('HLS_NOT_A_PLAYLIST', 'not an HLS playlist: no #EXTM3U', { line: 1 });
}

/** Builds the typed view over a document (after edits, say). */
export function buildHlsPlaylist(doc: HlsDocument): Result<HlsPlaylist, ManifestError> {
  const problem = checkHeader(doc);
  if (problem !== undefined) return err(problem);
  const sink = new WarningSink();
  return ok(detectKind(doc) === 'multivariant' ? buildMultivariantPlaylist(doc, sink) : buildMediaPlaylist(doc, sink));
}

/**
 * Parses any HLS playlist. Fails only for text that is not a playlist or is over `maxBytes`;
 * everything else it cannot read becomes a warning on the result, and the document keeps
 * every line so that `serializeHls` gives the input back.
 */
export function parseHls(text: string, options: ParseHlsOptions = {}): Result<HlsPlaylist, ManifestError> {
  const { maxBytes } = options;
  if (maxBytes !== undefined && text.length > maxBytes / 3) {
    const size = utf8Length(text);
    if (size > maxBytes) return err(manifestError('HLS_TOO_LARGE', `playlist is ${size} bytes, over the ${maxBytes} byte bound`, { size }));
  }
  return buildHlsPlaylist(scanDocument(text));
}

/** Writes the playlist's document: byte-identical to the input when nothing was edited. */
export function serializeHls(playlist: HlsPlaylist | HlsDocument): string {
  return serializeDocument('document' in playlist ? playlist.document : playlist);
}
