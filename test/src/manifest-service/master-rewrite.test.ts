import { describe, expect, it } from 'vitest';
import { parseHls, type HlsPlaylist } from '../../../manifests/index.js';
import { rewriteMaster } from '../../../src/manifest-service/master-rewrite.js';
import { entryUrl, readRenditionMap } from '../../../src/manifest-service/rendition-map.js';

function hls(text: string): HlsPlaylist {
  const p = parseHls(text);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

const MASTER = [
  '#EXTM3U',
  '#EXT-X-VERSION:6',
  '## a comment the origin wrote',
  '#EXT-X-SESSION-DATA:DATA-ID="com.example.title",VALUE="Show"',
  '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",DEFAULT=YES,URI="audio/en.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2",AUDIO="aud"',
  'video/720.m3u8?token=abc',
  '#EXT-X-STREAM-INF:BANDWIDTH=2100000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2",AUDIO="aud"',
  'video/720.m3u8?token=abc',
  '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=200000,URI="video/720-iframes.m3u8"',
  '#X-UNKNOWN-TAG:keep me',
  '',
].join('\n');

describe('rewriteMaster', () => {
  const url = 'https://origin.example/show/master.m3u8';
  const out = rewriteMaster(hls(MASTER), url, (n) => `/v1/manifest/ch/sid/${n}.m3u8`);

  it('points every variant, rendition and I-frame URI at the session and keeps every other byte', () => {
    expect(out.text).toBe(MASTER
      .replace('URI="audio/en.m3u8"', 'URI="/v1/manifest/ch/sid/0.m3u8"')
      .replaceAll('video/720.m3u8?token=abc', '/v1/manifest/ch/sid/1.m3u8')
      .replace('URI="video/720-iframes.m3u8"', 'URI="/v1/manifest/ch/sid/2.m3u8"'));
  });

  it('maps each number back to the absolute origin URL, and survives a JSON round trip', () => {
    const map = readRenditionMap(JSON.parse(JSON.stringify(out.map)));
    expect(map).toBeDefined();
    expect(map?.e.map((e) => entryUrl(out.map, e))).toEqual([
      'https://origin.example/show/audio/en.m3u8',
      'https://origin.example/show/video/720.m3u8?token=abc',
      'https://origin.example/show/video/720-iframes.m3u8',
    ]);
    expect(JSON.stringify(out.map).length).toBeLessThan(300);
  });

  it('wraps a media playlist entry point in a one-variant multivariant playlist', () => {
    const media = rewriteMaster(hls('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n'), 'https://o.example/live.m3u8', (n) => `/m/${n}.m3u8`);
    expect(media.text).toBe('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=2000000\n/m/0.m3u8\n');
    expect(entryUrl(media.map, media.map.e[0]!)).toBe('https://o.example/live.m3u8');
  });

  it('rejects stored maps of the wrong shape', () => {
    expect(readRenditionMap({ base: 1, e: [] })).toBeUndefined();
    expect(readRenditionMap({ base: 'x', e: [{ u: 1 }] })).toBeUndefined();
    expect(readRenditionMap(null)).toBeUndefined();
  });
});
