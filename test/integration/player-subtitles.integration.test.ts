// Subtitle renditions during ads: each ad becomes empty WebVTT segments with the durations
// of the ad's video segments, so the subtitle playlist keeps step with video (same segment
// count, same discontinuities, same times) and players never show content captions over ads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, openSession, startService, startWorld, type Backend, type SharedWorld, type TestService } from './player-harness.js';

let world: SharedWorld;
beforeAll(async () => {
  world = await startWorld();
  const serve = (path: string, body: string) => world.routes.set(path, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(body);
  });
  serve('/subs/master.m3u8', [
    '#EXTM3U',
    '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,URI="text/en.m3u8"',
    '#EXT-X-STREAM-INF:BANDWIDTH=1500000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",SUBTITLES="subs"',
    'video/720p.m3u8', '',
  ].join('\n'));
  const vod = (ext: string) => ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD',
    ...[0, 1, 2, 3, 4].flatMap((i) => ['#EXTINF:2.000,', `seg-${i}.${ext}`]), '#EXT-X-ENDLIST', ''].join('\n');
  serve('/subs/video/720p.m3u8', vod('ts'));
  serve('/subs/text/en.m3u8', vod('vtt'));
});
afterAll(async () => {
  await world.close();
});

describe.each<Backend>(['memory', 'redis'])('subtitles during ads (%s store)', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startService(world, backend);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('fills every ad segment with the empty WebVTT, in step with video', async () => {
    const s = await openSession(svc, 'fault-vod-ads', 'subs/master.m3u8');
    const videoUrl = s.media.find((u) => u.includes('/v1/manifest/')) ?? '';
    const subsUrl = /URI="([^"]+)"/.exec(s.master)?.[1] ?? '';
    expect(subsUrl).toContain('/v1/manifest/');
    const video = media((await svc.get(videoUrl)).text);
    const subs = media((await svc.get(subsUrl)).text);
    const adSegments = video.segments.filter((x) => x.uri.includes('/v1/segment/'));
    // a pre-roll and a mid-roll at 4 s, with the demo's ads
    expect(adSegments.length).toBeGreaterThan(0);
    expect(subs.segments).toHaveLength(video.segments.length);
    video.segments.forEach((v, i) => {
      const t = subs.segments[i];
      expect(t?.durationUs).toBe(v.durationUs);
      expect(t?.discontinuity).toBe(v.discontinuity);
      if (v.uri.includes('/v1/segment/')) expect(t?.uri).toBe('/v1/filler/empty.vtt');
      else expect(t?.uri).toMatch(/\/subs\/text\/seg-\d\.vtt$/);
    });
    expect(subs.segments.filter((x) => x.uri.endsWith('.vtt') && x.uri.includes('/text/'))).toHaveLength(5);
    const filler = await svc.get('/v1/filler/empty.vtt');
    expect(filler.status).toBe(200);
    expect(filler.headers.get('content-type')).toContain('text/vtt');
    expect(filler.headers.get('access-control-allow-origin')).toBe('*');
    expect(filler.text.startsWith('WEBVTT')).toBe(true);
  });
});
