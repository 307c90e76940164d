import { describe, expect, it } from 'vitest';
import { parseHls, serializeHls, toCueInput } from '../../../manifests/hls/index.js';

const media = '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:10\n#EXTINF:6.006,\na.ts\n#EXT-X-CUE-OUT:30\n#EXTINF:6.006,\nb.ts\n#EXT-X-CUE-IN\n';

describe('parseHls', () => {
  it('refuses text that is not a playlist with HLS_NOT_A_PLAYLIST', () => {
    for (const text of ['', '\n\n', 'hello', '#EXTINF:10,\na.ts\n', '<?xml version="1.0"?><MPD/>']) {
      const r = parseHls(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('HLS_NOT_A_PLAYLIST');
    }
  });

  it('accepts comments and blank lines before #EXTM3U and a byte order mark, and keeps them', () => {
    const text = '\uFEFF# made by hand\n\n#EXTM3U\n#EXTINF:4,\nx.ts';
    const r = parseHls(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(serializeHls(r.value)).toBe(text);
  });

  it('enforces maxBytes in UTF-8 bytes with HLS_TOO_LARGE', () => {
    expect(parseHls(media, { maxBytes: media.length }).ok).toBe(true);
    const r = parseHls(media, { maxBytes: media.length - 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('HLS_TOO_LARGE');
      expect(r.error.context?.size).toBe(media.length);
    }
    const accented = '#EXTM3U\n#EXTINF:1,é\na.ts\n'; // é is 2 bytes
    expect(parseHls(accented, { maxBytes: accented.length }).ok).toBe(false);
  });

  it('numbers segments and exposes their lines for editing', () => {
    const r = parseHls(media);
    if (!r.ok || r.value.kind !== 'media') throw new Error('expected a media playlist');
    const [a, b] = r.value.segments;
    expect(a).toMatchObject({ uri: 'a.ts', mediaSequence: 10, startUs: 0, durationUs: 6_006_000, firstLine: 3, uriLine: 4 });
    expect(b).toMatchObject({ uri: 'b.ts', mediaSequence: 11, startUs: 6_006_000, firstLine: 5, uriLine: 7 });
    expect(r.value.endUs).toBe(12_012_000);
  });

  it('gives cue readers each segment with its preceding tags and the trailing tags', () => {
    const r = parseHls(media);
    if (!r.ok || r.value.kind !== 'media') throw new Error('expected a media playlist');
    const cue = toCueInput(r.value);
    expect(cue.segments[1]).toEqual({
      mediaSequence: 11,
      startUs: 6_006_000,
      durationUs: 6_006_000,
      tags: [{ name: 'EXT-X-CUE-OUT', value: '30', line: 6 }, { name: 'EXTINF', value: '6.006,', line: 7 }],
    });
    expect(cue.trailingTags).toEqual([{ name: 'EXT-X-CUE-IN', value: '', line: 9 }]);
    expect(cue.endUs).toBe(12_012_000);
  });

  it('reads EXT-X-SKIP, GAP and BITRATE', () => {
    const text = '#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:100\n#EXT-X-SKIP:SKIPPED-SEGMENTS=3\n#EXT-X-BITRATE:800\n#EXTINF:2,\na.ts\n#EXT-X-GAP\n#EXTINF:2,\nb.ts\n';
    const r = parseHls(text);
    if (!r.ok || r.value.kind !== 'media') throw new Error('expected a media playlist');
    expect(r.value.segments.map((s) => [s.mediaSequence, s.gap, s.bitrateKbps])).toEqual([[103, false, 800], [104, true, 800]]);
  });

  it('collects date ranges with the segment they precede', () => {
    const text = '#EXTM3U\n#EXTINF:2,\na.ts\n#EXT-X-DATERANGE:ID="ad-1",CLASS="com.apple.hls.interstitial",START-DATE="2024-01-01T00:00:02Z",DURATION=30.5,SCTE35-OUT=0xFC30,X-ASSET-URI="https://ads/x.m3u8"\n#EXTINF:2,\nb.ts\n';
    const r = parseHls(text);
    if (!r.ok || r.value.kind !== 'media') throw new Error('expected a media playlist');
    expect(r.value.dateRanges).toEqual([expect.objectContaining({
      id: 'ad-1', class: 'com.apple.hls.interstitial', startDate: '2024-01-01T00:00:02Z', durationUs: 30_500_000, segmentIndex: 1, line: 3,
    })]);
    expect(r.value.dateRanges[0]?.attributes['SCTE35-OUT']).toBe('0xFC30');
  });
});
