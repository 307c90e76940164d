// Properties: any media playlist built from a random mix of known tags, unknown tags, comments
// and blank lines round-trips byte for byte; no input at all makes parseHls throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHls, rewriteUris, scanDocument, serializeDocument, serializeHls } from '../../../manifests/hls/index.js';

const attrValue = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9.-]{0,12}$/),
  fc.stringMatching(/^"[^"\r\n]{0,20}"$/),
  fc.stringMatching(/^0x[0-9A-F]{1,32}$/),
  fc.stringMatching(/^[0-9]{1,5}x[0-9]{1,5}$/),
);
const attrList = fc.array(fc.tuple(fc.stringMatching(/^[A-Z][A-Z0-9-]{0,10}$/), attrValue), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join(','));
const noNewline = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ''));

const segmentLine = fc.oneof(
  fc.tuple(fc.oneof(fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,7})?$/), noNewline), noNewline).map(([d, t]) => `#EXTINF:${d},${t}`),
  attrList.map((a) => `#EXT-X-KEY:METHOD=AES-128,${a}`),
  fc.constant('#EXT-X-KEY:METHOD=NONE'),
  attrList.map((a) => `#EXT-X-MAP:URI="init.mp4",${a}`),
  fc.stringMatching(/^[0-9]{1,6}(@[0-9]{1,6})?$/).map((r) => `#EXT-X-BYTERANGE:${r}`),
  fc.constant('#EXT-X-DISCONTINUITY'),
  fc.constant('#EXT-X-GAP'),
  fc.integer({ min: 0, max: 2e9 }).map((ms) => `#EXT-X-PROGRAM-DATE-TIME:${new Date(ms * 1000).toISOString()}`),
  attrList.map((a) => `#EXT-X-PART:DURATION=0.5,URI="p.mp4",${a}`),
  attrList.map((a) => `#EXT-X-DATERANGE:ID="d",${a}`),
  fc.tuple(fc.stringMatching(/^[A-Z][A-Z0-9-]{0,15}$/), fc.option(noNewline)).map(([n, v]) => (v === null ? `#EXT-X-${n}` : `#EXT-X-${n}:${v}`)),
  noNewline.map((c) => `#${c.startsWith('EXT') ? ` ${c}` : c}`),
  fc.constantFrom('', ' ', '\t'),
);
const segment = fc.tuple(fc.array(segmentLine, { maxLength: 5 }), fc.stringMatching(/^[a-z0-9/_.:?=&-]{1,30}$/))
  .map(([tags, uri]) => [...tags, uri]);
const header = fc.subarray([
  '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:1000', '#EXT-X-DISCONTINUITY-SEQUENCE:3',
  '#EXT-X-PLAYLIST-TYPE:EVENT', '#EXT-X-INDEPENDENT-SEGMENTS', '#EXT-X-START:TIME-OFFSET=-12.5,PRECISE=YES',
  '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.5', '#EXT-X-PART-INF:PART-TARGET=0.5', '#EXT-X-ALLOW-CACHE:YES',
]);
const playlist = fc.tuple(header, fc.array(segment, { maxLength: 12 }), fc.array(segmentLine, { maxLength: 3 }), fc.boolean(), fc.boolean())
  .map(([h, segs, trailing, endlist, finalNewline]) => {
    const lines = ['#EXTM3U', ...h, ...segs.flat(), ...trailing, ...(endlist ? ['#EXT-X-ENDLIST'] : [])];
    return lines.join('\n') + (finalNewline ? '\n' : '');
  });

describe('HLS properties', () => {
  it('random media playlists round-trip byte for byte', () => {
    fc.assert(fc.property(playlist, (text) => {
      const r = parseHls(text);
      expect(r.ok).toBe(true);
      if (r.ok) expect(serializeHls(r.value)).toBe(text);
    }), { numRuns: 400 });
  });

  it('CRLF input serializes as the same text with LF', () => {
    fc.assert(fc.property(playlist, (text) => {
      const r = parseHls(text.replace(/\n/g, '\r\n'));
      if (r.ok) expect(serializeHls(r.value)).toBe(text);
      else expect.unreachable(r.error.message);
    }), { numRuns: 100 });
  });

  it('segment media times are the exact running sum of their durations', () => {
    fc.assert(fc.property(playlist, (text) => {
      const r = parseHls(text);
      if (!r.ok || r.value.kind !== 'media') return;
      let t = 0;
      for (const s of r.value.segments) {
        expect(s.startUs).toBe(t);
        expect(Number.isInteger(s.durationUs)).toBe(true);
        t += s.durationUs;
      }
      expect(r.value.endUs).toBe(t);
    }), { numRuns: 200 });
  });

  it('an identity URI rewrite changes nothing', () => {
    fc.assert(fc.property(playlist, (text) => {
      expect(serializeDocument(rewriteUris(scanDocument(text), (u) => u))).toBe(text);
    }), { numRuns: 100 });
  });

  it('never throws on random strings, and every success round-trips', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ maxLength: 200 }).map((s) => `#EXTM3U\n${s}`)), (text) => {
      const r = parseHls(text, { maxBytes: 1000 });
      if (r.ok) expect(serializeHls(r.value)).toBe(text.replace(/\r\n/g, '\n'));
      else expect(['HLS_NOT_A_PLAYLIST', 'HLS_TOO_LARGE']).toContain(r.error.code);
    }), { numRuns: 500 });
  });

  it('never throws on random bytes decoded as UTF-8', () => {
    const decoder = new TextDecoder();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, prefix) => {
      const text = (prefix ? '#EXTM3U\n' : '') + decoder.decode(bytes);
      expect(() => parseHls(text)).not.toThrow();
    }), { numRuns: 500 });
  });
});
