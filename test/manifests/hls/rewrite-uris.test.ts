import { describe, expect, it } from 'vitest';
import { parseHls, rewriteUris, scanDocument, serializeDocument, type UriKind } from '../../../manifests/hls/index.js';

const multivariant = `#EXTM3U
#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI="skd://k",KEYFORMAT="com.apple.streamingkeydelivery"
#EXT-X-SESSION-DATA:DATA-ID="com.example.lyrics",URI="lyrics.json"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="audio/en.m3u8"
#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="CC1",INSTREAM-ID="CC1"
#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="avc1.4d401f,mp4a.40.2",AUDIO="a"
video/1.m3u8
#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="video/iframes.m3u8"
`;

const llMedia = `#EXTM3U
#EXT-X-TARGETDURATION:4
#EXT-X-MEDIA-SEQUENCE:7
#EXT-X-KEY:METHOD=AES-128,URI="key.bin",IV=0x01
#EXT-X-MAP:URI="init.mp4",BYTERANGE="100@0"
#EXTINF:4,
  seg7.m4s
#EXT-X-PART:DURATION=1,URI="p8.0.m4s",INDEPENDENT=YES
#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p8.1.m4s"
#EXT-X-RENDITION-REPORT:URI="../other.m3u8",LAST-MSN=7
#EXT-X-DATERANGE:ID="x",START-DATE="2024-01-01T00:00:00Z",X-URI="not-rewritten"
# comment with URI="nothing"
`;

function rewriteAll(text: string): { out: string; seen: [string, UriKind][] } {
  const seen: [string, UriKind][] = [];
  const doc = rewriteUris(scanDocument(text), (uri, kind) => {
    seen.push([uri, kind]);
    return `https://ssai/${kind}/${uri}`;
  });
  return { out: serializeDocument(doc), seen };
}

/**
 * What a correct rewrite must produce, computed independently: each URI line's URI and each
 * URI="..." value is replaced in the text; every other byte stays.
 */
function expectOnlyUrisChanged(before: string, after: string, seen: readonly [string, UriKind][]): void {
  const kinds = new Map(seen);
  const expected = before.split('\n').map((line) => {
    const trimmed = line.trim();
    const lineKind = kinds.get(trimmed);
    if (!line.startsWith('#') && lineKind !== undefined) return line.replace(trimmed, `https://ssai/${lineKind}/${trimmed}`);
    return line.replace(/(^#EXT[^:]*:(?:.*,)?\s*URI=")([^"]*)"/, (m, head: string, uri: string) => {
      const kind = kinds.get(uri);
      return kind === undefined ? m : `${head}https://ssai/${kind}/${uri}"`;
    });
  });
  expect(after.split('\n')).toEqual(expected);
}

describe('rewriteUris', () => {
  it('classifies and rewrites every URI of a multivariant playlist, and nothing else', () => {
    const { out, seen } = rewriteAll(multivariant);
    expect(seen).toEqual([
      ['skd://k', 'key'], ['lyrics.json', 'other'], ['audio/en.m3u8', 'rendition'], ['video/1.m3u8', 'variant'], ['video/iframes.m3u8', 'iframe'],
    ]);
    expectOnlyUrisChanged(multivariant, out, seen);
    expect(out).toContain('#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="avc1.4d401f,mp4a.40.2",AUDIO="a"\nhttps://ssai/variant/video/1.m3u8\n');
  });

  it('rewrites segment, key, map, part, preload and rendition-report URIs of a media playlist', () => {
    const { out, seen } = rewriteAll(llMedia);
    expect(seen).toEqual([
      ['key.bin', 'key'], ['init.mp4', 'map'], ['seg7.m4s', 'segment'], ['p8.0.m4s', 'part'], ['p8.1.m4s', 'preload'], ['../other.m3u8', 'other'],
    ]);
    expectOnlyUrisChanged(llMedia, out, seen);
    expect(out).toContain('\n  https://ssai/segment/seg7.m4s\n'); // leading spaces kept
    expect(out).toContain('X-URI="not-rewritten"');
  });

  it('passes the segment position and media sequence to the callback', () => {
    const contexts: unknown[] = [];
    rewriteUris(scanDocument(llMedia), (uri, kind, ctx) => {
      if (kind === 'segment') contexts.push(ctx);
      return uri;
    });
    expect(contexts).toEqual([{ playlistKind: 'media', line: 6, segmentIndex: 0, mediaSequence: 7 }]);
  });

  it('returns the same document when nothing changes', () => {
    const doc = scanDocument(llMedia);
    expect(rewriteUris(doc, (u) => u)).toBe(doc);
  });

  it('leaves the typed view consistent after a rewrite', () => {
    const parsed = parseHls(llMedia);
    if (!parsed.ok || parsed.value.kind !== 'media') throw new Error('expected media');
    const doc = rewriteUris(parsed.value.document, (u) => `/x/${u}`);
    const again = parseHls(serializeDocument(doc));
    if (!again.ok || again.value.kind !== 'media') throw new Error('expected media');
    expect(again.value.segments[0]?.uri).toBe('/x/seg7.m4s');
    expect(again.value.segments[0]?.keys[0]?.uri).toBe('/x/key.bin');
    expect(again.value.segments[0]?.map).toMatchObject({ uri: '/x/init.mp4', byteRange: { length: 100, offset: 0 } });
    expect(again.value.pendingParts[0]?.uri).toBe('/x/p8.0.m4s');
  });
});
