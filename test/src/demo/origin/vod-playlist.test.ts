import { describe, expect, it } from 'vitest';
import { readBreaks } from '../../../../manifests/cues/index.js';
import { parseHls, toCueInput } from '../../../../manifests/hls/index.js';
import { buildMultivariantPlaylist } from '../../../../src/demo/origin/multivariant-playlist.js';
import { buildVodMediaPlaylist, DEMO_VOD_CUES } from '../../../../src/demo/origin/vod-playlist.js';
import { contentRendition, syntheticCatalog } from './catalog-fixture.js';

describe('demo VOD playlists', () => {
  it('writes the cues as CUE-OUT:DURATION / CUE-IN at 30 s (30 s) and 90 s (20 s), read back as two breaks', () => {
    const text = buildVodMediaPlaylist(contentRendition(), DEMO_VOD_CUES);
    expect(text).toMatch(/#EXT-X-CUE-OUT:DURATION=30\n#EXTINF:2.000,\n360p\/seg-015\.ts/);
    expect(text).toMatch(/#EXT-X-CUE-IN\n#EXTINF:2.000,\n360p\/seg-030\.ts/);
    expect(text).toMatch(/#EXT-X-CUE-OUT:DURATION=20\n#EXTINF:2.000,\n360p\/seg-045\.ts/);
    expect(text).toMatch(/#EXT-X-CUE-IN\n#EXTINF:2.000,\n360p\/seg-055\.ts/);
    const parsed = parseHls(text);
    if (!parsed.ok || parsed.value.kind !== 'media') throw new Error('not a media playlist');
    expect(parsed.value.endList).toBe(true);
    expect(parsed.value.playlistType).toBe('VOD');
    expect(parsed.value.segments).toHaveLength(60);
    const { breaks, errors } = readBreaks(toCueInput(parsed.value));
    expect(errors).toEqual([]);
    expect(breaks.map((b) => [b.dialect, b.startUs, b.durationUs, b.endUs])).toEqual([
      ['cue-out', 30_000_000, 30_000_000, 60_000_000],
      ['cue-out', 90_000_000, 20_000_000, 110_000_000],
    ]);
  });

  it('offers the same content without any cue (breaks come from configured offsets)', () => {
    const text = buildVodMediaPlaylist(contentRendition());
    expect(text).not.toMatch(/CUE|DATERANGE|SCTE/);
    expect(text.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
  });

  it('places a cue that is off a segment boundary on the next segment', () => {
    const text = buildVodMediaPlaylist(contentRendition(), [{ atSec: 31, durationSec: 10 }]);
    expect(text).toMatch(/#EXT-X-CUE-OUT:DURATION=10\n#EXTINF:2.000,\n360p\/seg-016\.ts/);
    expect(text).toMatch(/#EXT-X-CUE-IN\n#EXTINF:2.000,\n360p\/seg-021\.ts/);
  });

  it('lists every rendition in the multivariant with BANDWIDTH, RESOLUTION and CODECS, highest first', () => {
    const content = syntheticCatalog().hls[0]!;
    const parsed = parseHls(buildMultivariantPlaylist(content));
    if (!parsed.ok || parsed.value.kind !== 'multivariant') throw new Error('not a multivariant playlist');
    expect(parsed.value.variants.map((v) => [v.uri, v.bandwidth, v.resolution, v.codecs])).toEqual([
      ['360p.m3u8', 1_280_000, { width: 640, height: 360 }, 'avc1.42c01e,mp4a.40.2'],
      ['180p.m3u8', 640_000, { width: 320, height: 180 }, 'avc1.42c01e,mp4a.40.2'],
    ]);
  });
});
