import { describe, expect, it } from 'vitest';
import { MemoryKeyspace } from '../../../src/sessions/memory-keyspace.js';
import { MemorySessionStore } from '../../../src/sessions/memory-session-store.js';
import { DEFAULT_SESSION_TTL_MS, newSessionId, SessionService, type SessionStartFacts } from '../../../src/sessions/session-service.js';
import { isInterludeError } from '../../../src/errors/index.js';
import { isValidSessionId } from '../../../src/sessions/state-keys.js';
import { ManualClock } from './state-fixtures.js';

const facts: SessionStartFacts = {
  playerParams: { device: 'ctv' },
  clientIp: '198.51.100.4',
  userAgent: 'Roku/DVP-12.0',
  referer: 'https://app.example/',
  reportingMode: 'server',
};

function setup(options: { newId?: () => string; defaultTtlMs?: number } = {}) {
  const clock = new ManualClock();
  const store = new MemorySessionStore(new MemoryKeyspace({ clock, sweepIntervalMs: 0 }));
  return { clock, store, service: new SessionService({ store, clock, ...options }) };
}

describe('SessionService', () => {
  it('starts a session from the request facts, with the injected id and clock', async () => {
    const { service, store, clock } = setup({ newId: () => 'sess-1' });
    const params: Record<string, string> = { device: 'ctv' };
    const s = await service.start('news', 'live/master.m3u8', 'hls', { ...facts, playerParams: params });
    params.device = 'changed-later';
    expect(s).toEqual({
      id: 'sess-1', channelId: 'news', originPath: 'live/master.m3u8', format: 'hls',
      playerParams: { device: 'ctv' }, clientIp: '198.51.100.4', userAgent: 'Roku/DVP-12.0',
      referer: 'https://app.example/', reportingMode: 'server', createdAtMs: clock.nowMs(),
    });
    expect(await store.get('sess-1')).toEqual(s);
  });

  it('leaves referer out when the request had none', async () => {
    const { service } = setup();
    const { referer: _r, ...noReferer } = facts;
    const s = await service.start('news', 'vod/a.mpd', 'dash', noReferer);
    expect('referer' in s).toBe(false);
  });

  it('issues random ids that the stores accept', async () => {
    const { service } = setup();
    const a = await service.start('news', 'x.m3u8', 'hls', facts);
    const b = await service.start('news', 'x.m3u8', 'hls', facts);
    expect(a.id).not.toBe(b.id);
    expect(isValidSessionId(a.id)).toBe(true);
  });

  it('expires after the default 10 minutes idle, and get slides the expiry', async () => {
    const { service, clock } = setup();
    expect(DEFAULT_SESSION_TTL_MS).toBe(600_000);
    const s = await service.start('news', 'x.m3u8', 'hls', facts);
    await clock.advance(9 * 60_000);
    expect(await service.get(s.id)).toEqual(s);
    await clock.advance(9 * 60_000);
    expect(await service.get(s.id)).toEqual(s);
    await clock.advance(10 * 60_000);
    await expect(service.get(s.id)).rejects.toSatisfy((e) => isInterludeError(e) && e.code === 'SESSION_NOT_FOUND' && e.status === 404);
  });

  it('takes a per-session TTL (live: 10 × playlist duration, computed by the caller)', async () => {
    const { service, clock } = setup();
    const s = await service.start('news', 'x.m3u8', 'hls', facts, 60_000);
    await clock.advance(61_000);
    expect(await service.find(s.id)).toBeUndefined();
  });

  it('answers SESSION_NOT_FOUND for unknown ids and undefined from find', async () => {
    const { service } = setup();
    await expect(service.get('nope')).rejects.toMatchObject({ name: 'InterludeError', code: 'SESSION_NOT_FOUND' });
    expect(await service.find('nope')).toBeUndefined();
  });

  it('ends a session', async () => {
    const { service } = setup();
    const s = await service.start('news', 'x.m3u8', 'hls', facts);
    await service.end(s.id);
    expect(await service.find(s.id)).toBeUndefined();
  });
});

describe('newSessionId', () => {
  it('is 22 URL-safe characters of fresh randomness, a valid session id', () => {
    const ids = Array.from({ length: 1_000 }, () => newSessionId());
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(isValidSessionId(id)).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
