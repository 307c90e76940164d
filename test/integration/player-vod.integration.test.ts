// Player path end to end on VOD, through real sockets: the demo origin and creatives, a real
// VAST server, the whole app; once with the embedded stores and once with Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, openSession, startService, startWorld, uriLines, type Backend, type SharedWorld, type TestService } from './player-harness.js';

let world: SharedWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});

describe.each<Backend>(['memory', 'redis'])('player routes, VOD (%s store)', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startService(world, backend);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('rewrites every variant of the multivariant playlist to the session and leaves the rest byte-identical', async () => {
    const origin = await (await fetch(new URL('vod/master.m3u8', world.demo.originBaseUrl))).text();
    const res = await svc.get('/v1/master/demo-vod/vod/master.m3u8?device=ctv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/vnd.apple.mpegurl');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const uris = uriLines(res.text);
    expect(uris).toHaveLength(2);
    const sessionId = /\/v1\/manifest\/demo-vod\/([^/]+)\/0\.m3u8$/.exec(uris[0] ?? '')?.[1];
    expect(sessionId).toBeDefined();
    expect(uris).toEqual([`/v1/manifest/demo-vod/${sessionId}/0.m3u8`, `/v1/manifest/demo-vod/${sessionId}/1.m3u8`]);
    // everything but the URI lines is the origin's text
    const tagsOnly = (t: string) => t.split('\n').filter((l) => l.startsWith('#') || l === '');
    expect(tagsOnly(res.text)).toEqual(tagsOnly(origin));
  });

  it('VOD with cues: ads replace each cued span, with discontinuities and the ads\' own durations', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const res = await svc.get(s.media[0] ?? '');
    expect(res.status).toBe(200);
    const p = media(res.text);
    const adSegs = p.segments.filter((x) => x.uri.startsWith(`/v1/segment/${s.sessionId}/`));
    expect(adSegs.length).toBeGreaterThan(0);
    // content segments 15..29 and 45..54 (the cued spans) are replaced; the rest is kept
    const contentUris = p.segments.filter((x) => x.uri.startsWith('http')).map((x) => /seg-(\d+)\.ts$/.exec(x.uri)?.[1]);
    expect(contentUris).not.toContain('015');
    expect(contentUris).not.toContain('029');
    expect(contentUris).toContain('014');
    expect(contentUris).toContain('030');
    expect(contentUris).not.toContain('050');
    // each ad boundary carries a discontinuity: before the first ad and when content resumes
    const disc = p.segments.filter((x) => x.discontinuity).length;
    expect(disc).toBeGreaterThanOrEqual(4);
    const firstAd = p.segments.findIndex((x) => x.uri.startsWith('/v1/segment/'));
    expect(p.segments[firstAd]?.discontinuity).toBe(true);
    // the pods are the demo ad server's answer: each break's ads last at most the break
    const pods = await svc.app.services.decisionStore.list(s.sessionId);
    expect(pods).toHaveLength(2);
    const adUs = adSegs.reduce((sum, x) => sum + x.durationUs, 0);
    expect(adUs).toBe(pods.reduce((sum, pod) => sum + pod.filledUs, 0));
    expect(p.endList).toBe(true);
  });

  it('VOD without cues: a pre-roll and mid-rolls at the channel offsets', async () => {
    const s = await openSession(svc, 'demo-vod-nocue', 'vod-nocue/master.m3u8');
    const p = media((await svc.get(s.media[1] ?? '')).text);
    expect(p.segments[0]?.uri.startsWith('/v1/segment/')).toBe(true);
    const pods = await svc.app.services.decisionStore.list(s.sessionId);
    expect(pods.map((x) => x.breakId).sort()).toEqual(['offset-0', 'offset-30000000', 'offset-90000000']);
    // inserted, not replacing: all 60 content segments are still there
    expect(p.segments.filter((x) => x.uri.startsWith('http')).length).toBe(60);
    // 180p content gets the creatives' 180p renditions
    expect(p.segments[0]?.uri).toMatch(/\/a0\.1\.0\.m\./);
  });

  it('ad segments answer 302 to the creative\'s real segment; forged or unknown ids 404 JSON', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const p = media((await svc.get(s.media[0] ?? '')).text);
    const ad = p.segments.find((x) => x.uri.startsWith('/v1/segment/'));
    const redirect = await svc.get(ad?.uri ?? '');
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(location.startsWith(world.demo.originBaseUrl + 'ads/')).toBe(true);
    expect((await fetch(location)).status).toBe(200);
    // a well-formed id naming an ad the session was never given
    const forged = (ad?.uri ?? '').replace(/\/a\d+\./, '/a9.');
    const nf = await svc.get(forged);
    expect(nf.status).toBe(404);
    expect(JSON.parse(nf.text).error.code).toBe('AD_SEGMENT_NOT_FOUND');
    const other = await svc.get(`/v1/segment/no-such-session/${(ad?.uri ?? '').split('/').pop()}`);
    expect(other.status).toBe(404);
    expect(JSON.parse(other.text).error.code).toBe('SESSION_NOT_FOUND');
  });

  it('a break at the end of the content is a post-roll ([BREAKPOSITION]), one at 0 a pre-roll', async () => {
    const channel = await svc.app.services.channels.find('demo-vod-nocue');
    expect(channel).toBeDefined();
    const contentSec = 120; // the demo VOD: 60 segments of 2 s
    await svc.app.services.channels.create({ ...channel, id: `post-${backend}`, vodPreroll: true, vodMidrollOffsetsSec: [contentSec] });
    const s = await openSession(svc, `post-${backend}`, 'vod-nocue/master.m3u8');
    const video = s.media.findIndex((u) => u.includes('/v1/manifest/'));
    const p = media((await svc.get(s.media[video] ?? '')).text);
    expect(p.segments.at(-1)?.uri.startsWith('/v1/segment/')).toBe(true);
    const { plans } = svc.app.services.beacons;
    expect(plans.placement(s.sessionId, 'offset-0')?.position).toBe('preroll');
    expect(plans.placement(s.sessionId, `offset-${contentSec * 1_000_000}`)?.position).toBe('postroll');
  });

  it('20 concurrent media requests on a new session make one ad request per break and agree', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => svc.get(s.media[i % 2] ?? '')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(world.vastHits(s.sessionId)).toBe(2); // two cued breaks, one request each
    const v0 = answers.filter((_, i) => i % 2 === 0).map((a) => a.text);
    expect(new Set(v0).size).toBe(1);
    // a later refresh still gives the same bytes (decisions are stored)
    expect((await svc.get(s.media[0] ?? '')).text).toBe(v0[0]);
  });

  it('explicit session start: zod-validated body, manifest and tracking URLs that work', async () => {
    const bad = await fetch(`${svc.url}/v1/session/demo-vod/vod/master.m3u8`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ playerParams: { a: 1 }, reportingMode: 'both', extra: true }),
    });
    expect(bad.status).toBe(400);
    const problems = ((await bad.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path);
    expect(problems).toEqual(expect.arrayContaining(['playerParams.a', 'reportingMode']));
    expect(problems.length).toBeGreaterThanOrEqual(3);

    const ok = await fetch(`${svc.url}/v1/session/demo-vod/vod/master.m3u8`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'TestTV/1.0' },
      body: JSON.stringify({ playerParams: { device: 'ctv' }, reportingMode: 'client' }),
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { manifestUrl: string; trackingUrl: string; sessionId: string };
    expect(body.trackingUrl).toBe(`/v1/tracking/${body.sessionId}`);
    // polled before the multivariant playlist: the session exists, nothing is planned yet
    const early = await svc.get(body.trackingUrl);
    expect(early.status).toBe(200);
    expect(JSON.parse(early.text)).toMatchObject({ avails: [] });
    const master = await svc.get(body.manifestUrl);
    expect(master.status).toBe(200);
    const mediaUrl = uriLines(master.text)[0] ?? '';
    expect(mediaUrl).toContain(`/${body.sessionId}/`);
    await svc.get(mediaUrl);
    const session = await svc.app.services.sessions.get(body.sessionId);
    expect(session).toMatchObject({ playerParams: { device: 'ctv' }, reportingMode: 'client', userAgent: 'TestTV/1.0' });
    const tracking = await svc.get(body.trackingUrl);
    expect(tracking.status).toBe(200);
    // MediaTailor's shape (beacons/tracking): events as a list, each with its beacon URLs
    const doc = JSON.parse(tracking.text) as { avails: Array<{ ads: Array<{ trackingEvents: Array<{ eventType: string; beaconUrls: string[] }> }> }> };
    expect(doc.avails).toHaveLength(2);
    expect(doc.avails[0]?.ads[0]?.trackingEvents.find((e) => e.eventType === 'impression')?.beaconUrls[0]).toContain('/beacon?e=impression');
  });

  it('implicit start records player params, client IP (first X-Forwarded-For hop) and user agent', async () => {
    const res = await svc.get('/v1/master/demo-vod/vod/master.m3u8?device=ctv&lang=en', { 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'user-agent': 'RokuOS/12', referer: 'https://app.example/' });
    const sessionId = /\/v1\/manifest\/demo-vod\/([^/]+)\//.exec(res.text)?.[1] ?? '';
    const session = await svc.app.services.sessions.get(sessionId);
    expect(session).toMatchObject({ playerParams: { device: 'ctv', lang: 'en' }, clientIp: '203.0.113.7', userAgent: 'RokuOS/12', referer: 'https://app.example/' });
  });

  it('unknown channel and unknown session are 404 JSON naming them', async () => {
    const ch = await svc.get('/v1/master/nope/vod/master.m3u8');
    expect(ch.status).toBe(404);
    expect(JSON.parse(ch.text).error).toMatchObject({ code: 'CHANNEL_NOT_FOUND', channelId: 'nope' });
    const se = await svc.get('/v1/manifest/demo-vod/00000000-0000-0000-0000-000000000000/0.m3u8');
    expect(se.status).toBe(404);
    expect(JSON.parse(se.text).error.code).toBe('SESSION_NOT_FOUND');
    expect(se.headers.get('access-control-allow-origin')).toBe('*');
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const rn = await svc.get(`/v1/manifest/demo-vod/${s.sessionId}/7.m3u8`);
    expect(rn.status).toBe(404);
    expect(JSON.parse(rn.text).error.code).toBe('SESSION_RENDITION_NOT_FOUND');
  });

  it('records manifest latency by kind, origin errors and sessions started on /metrics', async () => {
    const s = await openSession(svc, 'demo-vod', 'vod/master.m3u8');
    const p = media((await svc.get(s.media[0] ?? '')).text);
    await svc.get(p.segments.find((x) => x.uri.startsWith('/v1/segment/'))?.uri ?? '');
    const text = await (await fetch(`${svc.url}/metrics`)).text();
    for (const kind of ['master', 'media', 'segment']) expect(text).toMatch(new RegExp(`manifest_request_duration_seconds_count\\{kind="${kind}"\\} [1-9]`));
    expect(text).toMatch(/sessions_started_total\{channel="demo-vod",mode="implicit"\} [1-9]/);
    expect(text).toMatch(/ad_source_duration_seconds_count\{source="vast"\} [1-9]/);
    expect(text).toMatch(/ad_fill_ratio\{source="vast"\}/);
  });
});
