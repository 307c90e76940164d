// The media playlist and segment routes answered ahead of express (src/http/player-lane.ts) must
// answer exactly as the express stack does: headers, HEAD, JSON errors, decoded ids, and
// every path it does not recognise left to express.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { openSession, startService, startWorld, type SharedWorld, type TestService } from './player-harness.js';

let world: SharedWorld;
let svc: TestService;
beforeAll(async () => {
  world = await startWorld();
  svc = await startService(world, 'memory');
});
afterAll(async () => {
  await svc.close();
  await world.close();
});

function errorOf(text: string): Record<string, unknown> {
  return (JSON.parse(text) as { error: Record<string, unknown> }).error;
}

describe('player lane', () => {
  it('answers with the player headers, echoing a sane request id and minting one otherwise', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const url = s.media[0] ?? '';
    const res = await svc.get(url, { 'X-Request-Id': 'qa-run.42' });
    expect(res.status).toBe(200);
    expect(res.text.startsWith('#EXTM3U')).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(res.headers.get('x-request-id')).toBe('qa-run.42');
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(res.text));
    const minted = await svc.get(url, { 'X-Request-Id': 'not sane\u00e9' });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(minted.text).toBe(res.text);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const get = await svc.get(s.media[0] ?? '');
    const head = await fetch(`${svc.url}${s.media[0] ?? ''}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('decodes percent-encoded ids as express does', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const plain = await svc.get(s.media[0] ?? '');
    const escaped = `%${s.sessionId.charCodeAt(0).toString(16).toUpperCase()}${s.sessionId.slice(1)}`;
    const encoded = (s.media[0] ?? '').replace(`/${s.sessionId}/`, `/${escaped}/`);
    expect(encoded).not.toBe(s.media[0]);
    const res = await svc.get(encoded);
    expect(res.status).toBe(200);
    expect(res.text).toBe(plain.text);
  });

  it('answers an unknown session with the catalogue JSON error and CORS', async () => {
    const res = await svc.get('/v1/manifest/demo-vod/00000000-0000-4000-8000-000000000000/0.m3u8', { 'X-Request-Id': 'qa-404' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(errorOf(res.text)).toMatchObject({ code: 'SESSION_NOT_FOUND', requestId: 'qa-404' });
  });

  it('leaves paths it does not recognise to express', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const badName = await svc.get(`/v1/manifest/demo-vod/${s.sessionId}/first.m3u8`);
    expect(badName.status).toBe(404);
    expect(errorOf(badName.text)).toMatchObject({ code: 'SESSION_RENDITION_NOT_FOUND' });
    expect(badName.headers.get('access-control-allow-origin')).toBe('*');
    const badEscape = await svc.get(`/v1/manifest/demo-vod/${s.sessionId}%E0%A4%A/0.m3u8`);
    expect(badEscape.status).toBe(400);
    const post = await fetch(`${svc.url}${s.media[0] ?? ''}`, { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('answers an ad segment with its 302, the player headers, and HEAD alike', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const playlist = await svc.get(s.media[0] ?? '');
    const segment = playlist.text.split('\n').find((l) => l.includes('/v1/segment/')) ?? '';
    expect(segment).not.toBe('');
    const res = await svc.get(segment, { 'X-Request-Id': 'qa-seg' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.(ts|m4s|mp4)$/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-request-id')).toBe('qa-seg');
    const head = await fetch(`${svc.url}${segment}`, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(302);
    expect(head.headers.get('location')).toBe(res.headers.get('location'));
  });

  it('answers an unknown session or segment id with the catalogue JSON error', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const noSession = await svc.get('/v1/segment/00000000-0000-4000-8000-000000000000/a.b.c');
    expect(noSession.status).toBe(404);
    expect(errorOf(noSession.text)).toMatchObject({ code: 'SESSION_NOT_FOUND' });
    const noSegment = await svc.get(`/v1/segment/${s.sessionId}/not-a-segment-id`);
    expect(noSegment.status).toBe(404);
    expect(errorOf(noSegment.text)).toMatchObject({ code: 'AD_SEGMENT_NOT_FOUND' });
    expect(noSegment.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('logs a success at debug and a client error at info, with the request ids', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = { write: (l: string) => { lines.push(JSON.parse(l) as Record<string, unknown>); } };
    const debugSvc = await startService(world, 'memory', { logger: createLogger({ level: 'debug', destination }) });
    const infoSvc = await startService(world, 'memory', { logger: createLogger({ level: 'info', destination }) });
    const requestLine = (id: string) => lines.find((l) => l.requestId === id && (l.msg === 'request' || l.msg === 'request failed'));
    try {
      const s = await openSession(debugSvc, 'demo-vod', 'vod/master.m3u8');
      const playlist = await debugSvc.get(s.media[0] ?? '', { 'X-Request-Id': 'qa-log-media' });
      const segment = playlist.text.split('\n').find((l) => l.includes('/v1/segment/')) ?? '';
      await debugSvc.get(segment, { 'X-Request-Id': 'qa-log-segment' });
      expect(requestLine('qa-log-media')).toMatchObject({ level: 20, sessionId: s.sessionId, channelId: 'demo-vod', method: 'GET', path: s.media[0], status: 200 });
      expect(typeof requestLine('qa-log-media')?.durationMs).toBe('number');
      const seg = requestLine('qa-log-segment');
      expect(seg).toMatchObject({ level: 20, sessionId: s.sessionId, method: 'GET', path: segment, status: 302 });
      expect(seg !== undefined && 'channelId' in seg).toBe(false);

      const t = await openSession(infoSvc, 'demo-vod', 'vod/master.m3u8');
      await infoSvc.get(t.media[0] ?? '', { 'X-Request-Id': 'qa-info-media' });
      await infoSvc.get('/v1/manifest/demo-vod/00000000-0000-4000-8000-000000000000/0.m3u8', { 'X-Request-Id': 'qa-info-404' });
      expect(requestLine('qa-info-media')).toBeUndefined();
      expect(requestLine('qa-info-404')).toMatchObject({ level: 30, status: 404, channelId: 'demo-vod' });
    } finally {
      await debugSvc.close();
      await infoSvc.close();
    }
  });
});
