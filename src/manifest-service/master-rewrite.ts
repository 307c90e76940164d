/**
 * The session's multivariant playlist: the origin's, with every variant, rendition and
 * I-frame playlist URI pointing at `/v1/manifest/:channel/:session/<n>.m3u8`. Every other
 * byte is the origin's. A media playlist given as the entry point becomes a one-variant
 * multivariant playlist, so the player's refreshes go to the session's manifest URL rather
 * than starting a new session each time.
 */
import { HLS_TAG, rewriteUris, serializeHls, type HlsPlaylist } from '../../manifests/index.js';
import { buildRenditionMap, singleRenditionMap, type RenditionMap } from './rendition-map.js';

export interface RewrittenMaster {
  readonly text: string;
  readonly map: RenditionMap;
}

/** `manifestUrl(n)` names the session's n-th media playlist. */
export function rewriteMaster(playlist: HlsPlaylist, url: string, manifestUrl: (n: number) => string): RewrittenMaster {
  if (playlist.kind === 'media') {
    const bandwidth = 2_000_000; // unknown; required by the spec, ignored by players with one variant
    const text = `#EXTM3U\n#${HLS_TAG.STREAM_INF}:BANDWIDTH=${bandwidth}\n${manifestUrl(0)}\n`;
    return { text, map: singleRenditionMap(url) };
  }
  const { map, indexOf } = buildRenditionMap(url, playlist);
  const doc = rewriteUris(playlist.document, (uri, kind) => {
    if (kind !== 'variant' && kind !== 'rendition' && kind !== 'iframe') return uri;
    const n = indexOf.get(uri);
    return n === undefined ? uri : manifestUrl(n);
  });
  return { text: serializeHls(doc), map };
}
