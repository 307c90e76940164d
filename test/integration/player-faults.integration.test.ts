// Bad input and faults on the player path (DESIGN "Bad input and faults"): each origin
// failure gets its JSON answer, live bridges a failing origin with the last good playlist for
// one target duration, and ad sources that fail, stall or send hostile XML never stop content.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../src/http/test-app.js';
import { openSession, startService, startWorld, uriLines, type Backend, type SharedWorld, type TestService } from './player-harness.js';

let world: SharedWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});

const LIVE = (msn: number) => [
  '#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', `#EXT-X-MEDIA-SEQUENCE:${msn}`,
  ...[0, 1, 2, 3].flatMap((i) => ['#EXTINF:2.000,', `seg-${msn + i}.ts`]), '',
].join('\n');
const VOD = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD',
  ...[0, 1, 2, 3, 4].flatMap((i) => ['#EXTINF:2.000,', `v/seg-${i}.ts`]), '#EXT-X-ENDLIST', ''].join('\n');

function serve(path: string, body: string | (() => string), status = 200): void {
  world.routes.set(path, (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/vnd.apple.mpegurl' }).end(typeof body === 'string' ? body : body());
  });
}

function hang(path: string): void {
  world.routes.set(path, () => new Promise<void>(() => undefined));
}

function errorOf(text: string): Record<string, unknown> {
  return (JSON.parse(text) as { error: Record<string, unknown> }).error;
}

describe.each<Backend>(['memory', 'redis'])('player faults (%s store)', (backend) => {
  let svc: TestService;
  const logs = captureLogger('info');
  beforeAll(async () => {
    svc = await startService(world, backend, { logger: logs.logger });
  });
  afterAll(async () => {
    await svc.close();
  });
  afterEach(() => {
    world.routes.clear();
    world.vastBehaviour = { delayMs: 0, status: 200 };
  });

  it('malformed origin playlist → 502 JSON naming the channel', async () => {
    serve('/bad/master.m3u8', '<html>not a playlist</html>');
    const res = await svc.get('/v1/master/fault/bad/master.m3u8');
    expect(res.status).toBe(502);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(errorOf(res.text)).toMatchObject({ code: 'ORIGIN_BAD_PLAYLIST', channelId: 'fault', cause: 'HLS_NOT_A_PLAYLIST' });
  });

  it('origin timeout → 504 within the fetch policy', async () => {
    hang('/slow/master.m3u8');
    const t0 = Date.now();
    const res = await svc.get('/v1/master/fault/slow/master.m3u8');
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(res.status).toBe(504);
    expect(errorOf(res.text)).toMatchObject({ code: 'ORIGIN_TIMEOUT', channelId: 'fault' });
  });

  it('origin manifest over 2 MB → 502', async () => {
    serve('/big/master.m3u8', `#EXTM3U\n${'#EXT-X-FILLER\n'.repeat(170_000)}`);
    const res = await svc.get('/v1/master/fault/big/master.m3u8');
    expect(res.status).toBe(502);
    expect(errorOf(res.text)).toMatchObject({ code: 'ORIGIN_TOO_LARGE', maxBytes: 2 * 1024 * 1024 });
  });

  it.each([404, 500, 503])('origin HTTP %i → 502', async (status) => {
    serve('/gone/master.m3u8', 'nope', status);
    const res = await svc.get('/v1/master/fault/gone/master.m3u8');
    expect(res.status).toBe(502);
    expect(errorOf(res.text)).toMatchObject({ code: 'ORIGIN_BAD_STATUS', originStatus: status, channelId: 'fault' });
    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toMatch(/origin_errors_total\{channel="fault",reason="status"\} [1-9]/);
  });

  it('live: a failing origin is bridged with the last good playlist for one target duration, then 504 / 502', async () => {
    serve('/flaky/live.m3u8', LIVE(100));
    const s = await openSession(svc, 'fault', 'flaky/live.m3u8');
    expect(s.media).toHaveLength(1); // a media playlist given to /v1/master: one-rendition session
    const good = await svc.get(s.media[0] ?? '');
    expect(good.status).toBe(200);
    hang('/flaky/live.m3u8');
    const bridged = await svc.get(s.media[0] ?? '');
    expect(bridged.status).toBe(200);
    expect(bridged.text).toBe(good.text);
    svc.clock.advance(2_500); // past one target duration
    const late = await svc.get(s.media[0] ?? '');
    expect(late.status).toBe(504);
    serve('/flaky/live.m3u8', 'down', 500);
    expect((await svc.get(s.media[0] ?? '')).status).toBe(502);
  });

  it('VOD: no stale answer, the origin error goes straight to the player', async () => {
    serve('/vod/a.m3u8', VOD);
    const s = await openSession(svc, 'fault', 'vod/a.m3u8');
    expect((await svc.get(s.media[0] ?? '')).status).toBe(200);
    hang('/vod/a.m3u8');
    expect((await svc.get(s.media[0] ?? '')).status).toBe(504);
  });

  it('an origin without cues is served byte for byte, only URIs made absolute (live and VOD)', async () => {
    serve('/plain/live.m3u8', LIVE(500));
    serve('/plain/vod.m3u8', VOD);
    for (const [path, text] of [['plain/live.m3u8', LIVE(500)], ['plain/vod.m3u8', VOD]] as const) {
      const s = await openSession(svc, 'fault', path);
      const res = await svc.get(s.media[0] ?? '');
      const base = `${world.faultOrigin.origin}/plain/`;
      const expected = text.split('\n').map((l) => (l !== '' && !l.startsWith('#') ? base + l : l)).join('\n');
      expect(res.text).toBe(expected);
    }
  });

  it('ad source down (5xx) or late: VOD content plays, answered in time', async () => {
    serve('/ads/vod.m3u8', VOD);
    for (const behaviour of [{ delayMs: 0, status: 500 }, { delayMs: 3_000, status: 200 }]) {
      world.vastBehaviour = behaviour;
      const s = await openSession(svc, 'fault-vod-ads', 'ads/vod.m3u8');
      const t0 = Date.now();
      const res = await svc.get(s.media[0] ?? '');
      expect(Date.now() - t0).toBeLessThan(1_500);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('/v1/segment/');
      expect(uriLines(res.text)).toHaveLength(5);
    }
    // and with the ad server healthy, the same channel gets its pre-roll and mid-roll
    world.vastBehaviour = { delayMs: 0, status: 200 };
    const s = await openSession(svc, 'fault-vod-ads', 'ads/vod.m3u8');
    const res = await svc.get(s.media[0] ?? '');
    expect(uriLines(res.text)[0]).toContain('/v1/segment/');
  });

  it('hostile VAST (entity expansion): no ads, and the reason is logged with the session id', async () => {
    serve('/ads/vod.m3u8', VOD);
    world.vastBehaviour = {
      delayMs: 0, status: 200,
      body: '<?xml version="1.0"?><!DOCTYPE v [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><VAST version="4.0"><Ad><InLine><AdTitle>&c;</AdTitle></InLine></Ad></VAST>',
    };
    const s = await openSession(svc, 'fault-vod-ads', 'ads/vod.m3u8');
    const res = await svc.get(s.media[0] ?? '');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('/v1/segment/');
    const line = logs.lines().find((l) => l.sessionId === s.sessionId && l.msg === 'break not filled; content or slate plays');
    expect(line).toBeDefined();
    expect(line?.channelId).toBe('fault-vod-ads');
    expect(typeof line?.requestId).toBe('string');
    expect(JSON.stringify(line?.notes)).toMatch(/VAST/);
  });
});

describe('Redis down mid-session', () => {
  it('content keeps playing without ads, and the tracking API says the store is unavailable', async () => {
    serve('/ads/vod.m3u8', VOD);
    const svc = await startService(world, 'redis');
    try {
      const s = await openSession(svc, 'fault-vod-ads', 'ads/vod.m3u8');
      const client = svc.app.services.redis;
      expect(client).toBeDefined();
      client?.disconnect();
      const res = await svc.get(s.media[0] ?? '');
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('/v1/segment/');
      expect(uriLines(res.text)).toHaveLength(5);
      const tracking = await svc.get(`/v1/tracking/${s.sessionId}`);
      expect(tracking.status).toBe(503);
      expect(errorOf(tracking.text).code).toBe('STORE_UNAVAILABLE');
    } finally {
      world.routes.clear();
      // reconnect so the test's keys can be cleaned up
      await svc.app.services.redis?.connect().catch(() => undefined);
      await svc.close();
    }
  });
});
