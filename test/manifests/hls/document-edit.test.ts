import { describe, expect, it } from 'vitest';
import {
  HLS_TAG, buildHlsPlaylist, insertLines, parseHls, removeLines, removeTags, scanDocument, serializeDocument, setHeaderTag, tagLine, uriLine,
} from '../../../manifests/hls/index.js';

const text = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:20\n#EXTINF:6,\na.ts\n#EXTINF:6,\nb.ts\n#EXTINF:6,\nc.ts\n#EXT-X-ENDLIST\n';

function media(t: string) {
  const r = parseHls(t);
  if (!r.ok || r.value.kind !== 'media') throw new Error('expected media');
  return r.value;
}

describe('document edits', () => {
  it('removes a segment group and renumbers through the header, leaving other lines as they were', () => {
    const p = media(text);
    const first = p.segments[0]!;
    let doc = removeLines(p.document, first.firstLine, first.uriLine + 1);
    doc = setHeaderTag(doc, HLS_TAG.MEDIA_SEQUENCE, '21');
    expect(serializeDocument(doc)).toBe(text.replace('#EXT-X-MEDIA-SEQUENCE:20\n#EXTINF:6,\na.ts\n', '#EXT-X-MEDIA-SEQUENCE:21\n'));
    const again = buildHlsPlaylist(doc);
    if (!again.ok || again.value.kind !== 'media') throw new Error('expected media');
    expect(again.value.segments.map((s) => [s.uri, s.mediaSequence])).toEqual([['b.ts', 21], ['c.ts', 22]]);
  });

  it('inserts an ad group with a discontinuity before a segment', () => {
    const p = media(text);
    const b = p.segments[1]!;
    const doc = insertLines(p.document, b.firstLine, [tagLine(HLS_TAG.DISCONTINUITY), tagLine(HLS_TAG.EXTINF, '4.004,'), uriLine('ad.ts'), tagLine(HLS_TAG.DISCONTINUITY)]);
    const again = buildHlsPlaylist(doc);
    if (!again.ok || again.value.kind !== 'media') throw new Error('expected media');
    expect(again.value.segments.map((s) => [s.uri, s.discontinuitySequence, s.startUs])).toEqual([
      ['a.ts', 0, 0], ['ad.ts', 1, 6_000_000], ['b.ts', 2, 10_004_000], ['c.ts', 2, 16_004_000],
    ]);
  });

  it('adds a missing header tag after the existing header lines and removes tags by name', () => {
    let doc = scanDocument(text);
    doc = setHeaderTag(doc, HLS_TAG.DISCONTINUITY_SEQUENCE, '4');
    doc = removeTags(doc, HLS_TAG.ENDLIST);
    expect(serializeDocument(doc)).toBe(text.replace('#EXT-X-MEDIA-SEQUENCE:20\n', '#EXT-X-MEDIA-SEQUENCE:20\n#EXT-X-DISCONTINUITY-SEQUENCE:4\n').replace('#EXT-X-ENDLIST\n', ''));
  });

  it('does not change the input document', () => {
    const doc = scanDocument(text);
    removeLines(doc, 0, 5);
    setHeaderTag(doc, HLS_TAG.TARGETDURATION, '10');
    expect(serializeDocument(doc)).toBe(text);
  });
});
