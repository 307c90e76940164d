// An OpenRTB winner whose VAST `adm` has only a progressive MP4 takes the VAST source's
// conditioning path, end to end through the service: the first session's breaks leave it
// out (the bidder hears "pending processing", loss code 201, and no VAST Error URL fires),
// its job is queued and runs on real ffmpeg, and later sessions splice its conditioned HLS
// (the bidder then gets its win notice).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, worldChannels, type SharedWorld } from './player-harness.js';
import { adSegmentTargets, metricValue, playOnce, startConditioningService, type ConditioningService } from './conditioning-harness.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';

const AD_ID = 'rtb-yellow-mp4';

function mp4OnlyVast(mp4Url: string, beacon: (event: string) => string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<VAST version="4.0"><Ad id="${AD_ID}"><InLine><AdSystem>loopback dsp</AdSystem><AdTitle>MP4 only</AdTitle>
<Impression><![CDATA[${beacon('impression')}]]></Impression><Error><![CDATA[${beacon('error')}&code=[ERRORCODE]]]></Error>
<Creatives><Creative id="${AD_ID}-creative" adId="${AD_ID}"><UniversalAdId idRegistry="interlude-test">${AD_ID}</UniversalAdId>
<Linear><Duration>00:00:10</Duration><MediaFiles><MediaFile delivery="progressive" type="video/mp4" width="480" height="270" bitrate="500"><![CDATA[${mp4Url}]]></MediaFile></MediaFiles></Linear>
</Creative></Creatives></InLine></Ad></VAST>`;
}

/** One bid per imp: the demo's 10-s MP4-only creative, inline in `adm`, with win/loss notices back here. */
async function startMp4Bidder(mp4Url: string): Promise<LoopbackServer> {
  return startLoopbackServer((req, res, recorded) => {
    if (!recorded.url.startsWith('/bid')) {
      res.writeHead(204).end();
      return;
    }
    const request = JSON.parse(recorded.body) as { id: string; imp: { id: string }[] };
    const beacon = (event: string) => `http://${req.headers.host ?? ''}/${event}?auction=${encodeURIComponent(request.id)}`;
    const bids = request.imp.map((imp, i) => ({
      id: `mp4-${imp.id}-${i}`, impid: imp.id, price: 12, adomain: ['yellow.example'], dur: 10, mtype: 2, crid: AD_ID,
      adm: mp4OnlyVast(mp4Url, beacon),
      nurl: `${beacon('win')}&price=\${AUCTION_PRICE}`,
      lurl: `${beacon('loss')}&code=\${AUCTION_LOSS}`,
    }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: request.id, cur: 'USD', seatbid: [{ seat: 'yellow', bid: bids }] }));
  });
}

async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let world: SharedWorld;
let bidder: LoopbackServer;
let svc: ConditioningService;
beforeAll(async () => {
  world = await startWorld();
  bidder = await startMp4Bidder(new URL('ads/ad-yellow-mp4.mp4', world.demo.originBaseUrl).toString());
  const adDecision = { type: 'openrtb' as const, tmaxMs: 300, bidders: [{ name: 'yellow-dsp', endpoint: bidder.url('/bid') }] };
  const channels = worldChannels(world).map((c) => (c.id === 'demo-vod' ? { ...c, adDecision } : c));
  svc = await startConditioningService('in-process', { channels });
}, 120_000);
afterAll(async () => {
  await svc?.close();
  await bidder?.close();
  await world?.close();
});

describe('an OpenRTB winner with an MP4-only creative (in-process queue)', () => {
  it('is queued for conditioning instead of dropped, fires no Error URL while pending, and is spliced once conditioned', async () => {
    const path = world.demo.channelPaths['demo-vod'];
    const hits = (kind: string) => bidder.requests.filter((r) => new URL(r.url, 'http://x').pathname === `/${kind}`);

    const first = await playOnce(svc, 'demo-vod', path);
    const firstTargets = await adSegmentTargets(svc, first.playlists[0] ?? '');
    expect(firstTargets.every((t) => !t.startsWith('/creatives/'))).toBe(true);
    expect(hits('bid').length).toBeGreaterThanOrEqual(1);
    expect(await metricValue(svc, 'ads_skipped_total', 'reason="transcode_in_progress"')).toBeGreaterThanOrEqual(1);
    // the partner hears "creative pending processing" (OpenRTB loss code 201) ...
    await until('the loss notice', () => hits('loss').length > 0);
    expect(hits('loss').every((r) => r.url.endsWith('&code=201'))).toBe(true);

    // ... and its creative is conditioned, once, although every break asked for it
    const [creative] = await svc.waitSettled(1);
    expect(await svc.creatives()).toHaveLength(1);
    expect(creative, JSON.stringify(creative?.failure)).toMatchObject({ status: 'ready', adId: AD_ID, identity: `interlude-test:${AD_ID}` });

    const second = await playOnce(svc, 'demo-vod', path);
    for (const playlist of second.playlists.slice(0, 2)) {
      const conditioned = (await adSegmentTargets(svc, playlist)).filter((t) => t.startsWith('/creatives/'));
      // the 10-s creative at 2-s segments, in both breaks (30 s and 20 s) of each rendition
      expect(conditioned.length).toBe(10);
      const seg = await svc.get(conditioned[0] ?? '');
      expect(seg.status).toBe(200);
      expect(seg.text.charCodeAt(0)).toBe(0x47);
    }
    expect(JSON.stringify(JSON.parse((await svc.get(`/v1/tracking/${second.sessionId}`)).text))).toContain(AD_ID);
    await until('the win notice', () => hits('win').length > 0);
    expect(hits('win')[0]?.url).toMatch(/&price=12(\.0+)?$/);
    // pending was never reported as an error to the ad server
    expect(hits('error')).toEqual([]);
  }, 90_000);
});
