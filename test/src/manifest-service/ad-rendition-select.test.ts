import { describe, expect, it } from 'vitest';
import { parseHls, type HlsPlaylist } from '../../../manifests/index.js';
import { adPlaylistUris, selectAdPlaylist } from '../../../src/manifest-service/ad-rendition-select.js';
import { buildRenditionMap } from '../../../src/manifest-service/rendition-map.js';

function hls(text: string): HlsPlaylist {
  const p = parseHls(text);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

const AD = hls([
  '#EXTM3U',
  '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="en",LANGUAGE="en",URI="a-en.m3u8"',
  '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="fr",LANGUAGE="fr",URI="a-fr.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2",AUDIO="aud"',
  '720.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.42c01e,mp4a.40.2",AUDIO="aud"',
  '360.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2"',
  'audio-only.m3u8',
  '',
].join('\n'));

const CONTENT = hls([
  '#EXTM3U',
  '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="French",LANGUAGE="fr",URI="fr/audio.m3u8"',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="s",NAME="en",URI="subs/en.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080,CODECS="avc1.640028,mp4a.40.2",AUDIO="a",SUBTITLES="s"',
  '1080/index.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=700000,RESOLUTION=640x360,CODECS="avc1.42c01e,mp4a.40.2",AUDIO="a",SUBTITLES="s"',
  '360/index.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=96000,CODECS="mp4a.40.2",AUDIO="a"',
  'audio/index.m3u8',
  '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="1080/iframes.m3u8"',
  '',
].join('\n'));

describe('rendition map and ad rendition choice', () => {
  const master = CONTENT.kind === 'multivariant' ? CONTENT : undefined;
  const { map } = buildRenditionMap('https://origin.example/show/master.m3u8', master!);

  it('numbers every variant, rendition and I-frame playlist in document order with its segmentation group', () => {
    expect(map.e.map((e) => [e.u, e.g])).toEqual([
      ['fr/audio.m3u8', 'm:AUDIO:a'],
      ['subs/en.m3u8', 'm:SUBTITLES:s'],
      ['1080/index.m3u8', 'v'],
      ['360/index.m3u8', 'v'],
      ['audio/index.m3u8', 'va'],
      ['1080/iframes.m3u8', 'i'],
    ]);
  });

  it('picks the nearest video rendition, the same-language audio rendition, and keeps content for subtitles and I-frames', () => {
    const uris = adPlaylistUris(AD);
    const pick = (i: number) => {
      const n = selectAdPlaylist(map.e[i]!, AD);
      return n === undefined ? undefined : uris[n];
    };
    expect(pick(2)).toBe('720.m3u8'); // 1080p content: nearest is 720p
    expect(pick(3)).toBe('360.m3u8');
    expect(pick(0)).toBe('a-fr.m3u8'); // French audio rendition
    expect(pick(4)).toBe('a-en.m3u8'); // audio-only variant: an audio rendition of the ad
    expect(pick(1)).toBeUndefined();
    expect(pick(5)).toBeUndefined();
  });

  it('a creative given as a media playlist is its own playlist 0', () => {
    const media = hls('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nx.ts\n#EXT-X-ENDLIST\n');
    expect(adPlaylistUris(media)).toEqual(['']);
    expect(selectAdPlaylist(map.e[3]!, media)).toBe(0);
  });
});
