import { describe, expect, it } from 'vitest';
import type { Break } from '../../../manifests/index.js';
import { availRandom, fillUrlTemplate, macroValue, sessionUuid, type MacroContext } from '../../../src/decisioning/macros.js';
import type { Session } from '../../../src/sessions/session.js';

const session: Session = {
  id: 'abc', channelId: 'c', originPath: 'p.m3u8', format: 'hls',
  playerParams: { deviceType: 'ctv', q: 'a b&c=d/é' },
  clientIp: '2001:db8::1', userAgent: 'Roku/DVP-12.0 (12.0.0)', reportingMode: 'server', createdAtMs: 0,
};
const brk: Break = { id: 'b7', startUs: 0, durationUs: 45_500_000, mediaSequence: 3, dialect: 'daterange', joinedMidBreak: false,
  scte35: { base64: 'x', segmentationUpid: 'ad:123', segmentationEventId: 99, spliceEventId: 5 } };
const ctx: MacroContext = { brk, session, avail: { availNum: 4, availIndex: 1 }, defaultAvailDurationMs: 60_000, nowMs: Date.UTC(2024, 4, 1), random: () => 0.5 };

describe('ad request macros', () => {
  it('fills session, avail and scte variables, URL-encoded (RFC 3986)', () => {
    const url = fillUrlTemplate('https://ads.example/v?s=[session.id]&d=[session.avail_duration_secs]&ms=[session.avail_duration_ms]&ip=[session.client_ip]&ua=[session.user_agent]&q=[player_params.q]&dt=[player_params.deviceType]&u=[scte.segmentation_upid]&e=[scte.segmentation_event_id]&ev=[scte.event_id]&i=[avail.index]&n=[session.avail_num]', ctx);
    expect(url).toBe('https://ads.example/v?s=abc&d=46&ms=45500&ip=2001%3Adb8%3A%3A1&ua=Roku%2FDVP-12.0%20%2812.0.0%29&q=a%20b%26c%3Dd%2F%C3%A9&dt=ctv&u=ad%3A123&e=99&ev=5&i=1&n=4');
  });

  it('turns unknown variables and missing values into empty strings (MediaTailor)', () => {
    expect(fillUrlTemplate('h?a=[nope]&b=[player_params.absent]&r=[session.referer]&c=[session.id]', ctx)).toBe('h?a=&b=&r=&c=abc');
    const noScte = { ...ctx, brk: { ...brk, scte35: undefined } };
    expect(fillUrlTemplate('u=[scte.segmentation_upid]&e=[scte.segmentation_event_id]', noScte)).toBe('u=&e=');
  });

  it('uses the default avail duration for an open or zero-length break', () => {
    expect(macroValue('session.avail_duration_ms', { ...ctx, brk: { ...brk, durationUs: null } })).toBe('60000');
    expect(macroValue('session.avail_duration_secs', { ...ctx, brk: { ...brk, durationUs: 0 } })).toBe('60');
  });

  it('takes time and cache-busting randomness from the injected clock and random', () => {
    expect(macroValue('TIMESTAMP', ctx)).toBe('2024-05-01T00:00:00.000Z');
    expect(macroValue('CACHEBUSTING', ctx)).toBe('50000000');
    expect(macroValue('CACHEBUSTING', { ...ctx, random: () => 0.000001 })).toBe('00000100');
  });

  it('derives avail.random from (session, break): stable, in MediaTailor range, different per break', () => {
    const r = availRandom('abc', 'b7');
    expect(macroValue('avail.random', ctx)).toBe(String(r));
    expect(availRandom('abc', 'b7')).toBe(r);
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThanOrEqual(10_000_000_000);
    expect(availRandom('abc', 'b8')).not.toBe(r);
    expect(availRandom('abd', 'b7')).not.toBe(r);
  });

  it('gives a UUID for session.uuid: the id itself when it is one, else a stable v5-style one', () => {
    expect(sessionUuid('6F9619FF-8B86-D011-B42D-00C04FC964FF')).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
    const u = sessionUuid('abc');
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sessionUuid('abc')).toBe(u);
    expect(sessionUuid('abd')).not.toBe(u);
  });

  it('leaves text that is not a variable alone', () => {
    expect(fillUrlTemplate('https://ads.example/v?x=[a b]&y=[]', ctx)).toBe('https://ads.example/v?x=[a b]&y=[]');
  });
});
