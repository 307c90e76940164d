import { describe, expect, it } from 'vitest';
import { parseHls, type HlsMediaPlaylist } from '../../../manifests/hls/index.js';
import { writeHlsSplice, type AdSegmentRef } from '../../../manifests/hls/write-splice.js';
import { fillerPlaylist } from '../../../manifests/hls/splice/subtitle-filler.js';
import type { Break, Pod } from '../../../manifests/model/index.js';

function media(text: string): HlsMediaPlaylist {
  const r = parseHls(text);
  if (!r.ok || r.value.kind !== 'media') throw new Error('not a media playlist');
  return r.value;
}
const S = 1_000_000;
const content = media('#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:4,\nc0.ts\n#EXTINF:4,\nc1.ts\n#EXT-X-ENDLIST\n');
const brk: Break = { id: 'b', startUs: 4 * S, durationUs: null, mediaSequence: 8, dialect: 'configured', joinedMidBreak: false };
const pod: Pod = { breakId: 'b', source: 't', filledUs: 10 * S, notes: [], ads: [{ id: 'x', sequence: 1, adId: 'x', creativeId: 'x', durationUs: 10 * S, hlsUrl: '', tracking: {} }] };
const refs: AdSegmentRef[] = [];
const segmentUri = (r: AdSegmentRef): string => { refs.push(r); return `/seg/${r.part}/${r.segment}/${r.uri}`; };

describe('writeHlsSplice', () => {
  it('writes an encrypted ad with its key (URI through segmentUri, implied IV made explicit), byte ranges, and a raised TARGETDURATION', () => {
    const ad = media('#EXTM3U\n#EXT-X-TARGETDURATION:7\n#EXT-X-MEDIA-SEQUENCE:3\n#EXT-X-KEY:METHOD=AES-128,URI="k.bin"\n#EXT-X-BYTERANGE:1000@0\n#EXTINF:6.5,\nad.ts\n#EXT-X-BYTERANGE:900\n#EXTINF:3.5,\nad.ts\n#EXT-X-ENDLIST\n');
    refs.length = 0;
    const out = writeHlsSplice({ content, breaks: [brk], pods: { b: pod }, ads: { x: ad }, segmentUri });
    expect(out.text).toBe([
      '#EXTM3U', '#EXT-X-TARGETDURATION:7', '#EXT-X-MEDIA-SEQUENCE:7', '#EXTINF:4,', 'c0.ts',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-KEY:METHOD=AES-128,URI="/seg/key/0/k.bin",IV=0x00000000000000000000000000000003',
      '#EXT-X-BYTERANGE:1000@0', '#EXTINF:6.5,', '/seg/media/0/ad.ts',
      '#EXT-X-KEY:METHOD=AES-128,URI="/seg/key/1/k.bin",IV=0x00000000000000000000000000000004',
      '#EXT-X-BYTERANGE:900@1000', '#EXTINF:3.5,', '/seg/media/1/ad.ts',
      '#EXT-X-DISCONTINUITY', '#EXT-X-KEY:METHOD=NONE', '#EXTINF:4,', 'c1.ts', '#EXT-X-ENDLIST', '',
    ].join('\n'));
    expect(refs.filter((r) => r.part === 'media').map((r) => [r.kind, r.breakId, r.podAdId, r.segment])).toEqual([['ad', 'b', 'x', 0], ['ad', 'b', 'x', 1]]);
  });

  it('keeps the tags of dropped live segments (DATERANGE, unknown tags) and drops their media tags', () => {
    const live = media([
      '#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:1',
      '#EXTINF:6,', 'a.ts',
      '#EXT-X-DATERANGE:ID="s",START-DATE="2026-01-01T00:00:00Z",SCTE35-OUT=0xFC',
      '#EXT-X-FOO:1', '#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z', '#EXTINF:6,', 'b.ts',
      '#EXTINF:6,', 'c.ts', '',
    ].join('\n'));
    const ad = media('#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\nad.ts\n#EXT-X-ENDLIST\n');
    const b: Break = { id: 'L', startUs: 6 * S, durationUs: 6 * S, mediaSequence: 2, dialect: 'daterange', joinedMidBreak: false };
    const p: Pod = { ...pod, breakId: 'L', filledUs: 6 * S, ads: [{ ...pod.ads[0]!, durationUs: 6 * S }] };
    const out = writeHlsSplice({ content: live, breaks: [b], pods: { L: p }, ads: { x: ad }, segmentUri: (r) => r.uri, live: { state: null, joinMode: 'ad' } });
    expect(out.text.split('\n').slice(3)).toEqual([
      '#EXTINF:6,', 'a.ts',
      '#EXT-X-DATERANGE:ID="s",START-DATE="2026-01-01T00:00:00Z",SCTE35-OUT=0xFC', '#EXT-X-FOO:1',
      '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'ad.ts',
      '#EXT-X-DISCONTINUITY', '#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:06.000Z', '#EXTINF:6,', 'c.ts', '',
    ]);
    expect(out.nextState?.version).toBe(1);
  });

  it('fillerPlaylist builds a subtitle filler with the given durations', () => {
    const f = fillerPlaylist([5 * S, 2_500_000], '/empty.vtt');
    expect(f?.segments.map((s) => [s.uri, s.durationUs])).toEqual([['/empty.vtt', 5 * S], ['/empty.vtt', 2_500_000]]);
  });
});

describe('writeHlsSplice pre-roll after a key in the header', () => {
  it('clears the key before the ad and restates it for content', () => {
    const enc = media('#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k",IV=0x1\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\nc0.ts\n#EXT-X-ENDLIST\n');
    const ad = media('#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\nad.ts\n#EXT-X-ENDLIST\n');
    const pre: Break = { ...brk, id: 'p', startUs: 0, mediaSequence: 0 };
    const out = writeHlsSplice({ content: enc, breaks: [pre], pods: { p: { ...pod, breakId: 'p' } }, ads: { x: ad }, segmentUri: (r) => r.uri });
    expect(out.text).toBe('#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k",IV=0x1\n#EXT-X-TARGETDURATION:4\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:4,\nad.ts\n'
      + '#EXT-X-DISCONTINUITY\n#EXT-X-KEY:METHOD=AES-128,URI="k",IV=0x1\n#EXTINF:4,\nc0.ts\n#EXT-X-ENDLIST\n');
  });
});
