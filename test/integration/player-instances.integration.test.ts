// Several instances of one deployment share Redis. A session stores only a fingerprint of its
// rendition map; an instance that never served the session derives the map again from the
// origin's multivariant playlist, and refuses it when the origin's renditions changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, startService, startWorld, type SharedWorld, type TestService } from './player-harness.js';

let world: SharedWorld;
let first: TestService;
let variants = ['video/720p.m3u8', 'video/360p.m3u8'];
beforeAll(async () => {
  world = await startWorld();
  world.routes.set('/multi/master.m3u8', (_req, res) => {
    const lines = ['#EXTM3U', ...variants.flatMap((v, i) => [`#EXT-X-STREAM-INF:BANDWIDTH=${(i + 1) * 800_000},CODECS="avc1.64001f,mp4a.40.2"`, v]), ''];
    res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(lines.join('\n'));
  });
  const vod = ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD', ...[0, 1, 2].flatMap((i) => ['#EXTINF:2.000,', `seg-${i}.ts`]), '#EXT-X-ENDLIST', ''].join('\n');
  for (const v of ['720p', '360p', '1080p']) {
    world.routes.set(`/multi/video/${v}.m3u8`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(vod.replace(/seg-/g, `${v}-`));
    });
  }
  first = await startService(world, 'redis');
});
afterAll(async () => {
  await first.close();
  await world.close();
});

describe('instances sharing Redis', () => {
  it('an instance that never served the session answers its media playlists, the same bytes', async () => {
    const s = await openSession(first, 'fault-vod-ads', 'multi/master.m3u8');
    const fromFirst = await first.get(s.media[1] ?? '');
    expect(fromFirst.status).toBe(200);
    const second = await startService(world, 'redis', { sharing: first });
    try {
      const fromSecond = await second.get(s.media[1] ?? '');
      expect(fromSecond.status).toBe(200);
      expect(fromSecond.text).toBe(fromFirst.text);
      expect(fromSecond.text).toContain('/multi/video/360p-0.ts');
    } finally {
      await second.close();
    }
  });

  it('refuses a session whose origin renditions changed since it started, rather than play another one', async () => {
    const s = await openSession(first, 'fault-vod-ads', 'multi/master.m3u8');
    variants = ['video/1080p.m3u8', 'video/720p.m3u8', 'video/360p.m3u8'];
    const third = await startService(world, 'redis', { sharing: first });
    try {
      const res = await third.get(s.media[1] ?? '');
      expect(res.status).toBe(404);
      expect((JSON.parse(res.text) as { error: { code: string } }).error.code).toBe('SESSION_NOT_FOUND');
      // a new session on the changed origin plays
      const fresh = await openSession(third, 'fault-vod-ads', 'multi/master.m3u8');
      expect((await third.get(fresh.media[0] ?? '')).text).toContain('/multi/video/1080p-0.ts');
    } finally {
      variants = ['video/720p.m3u8', 'video/360p.m3u8'];
      await third.close();
    }
  });
});
