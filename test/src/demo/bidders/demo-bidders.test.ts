import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSchema } from '../../../../src/channels/channel-schema.js';
import { createDeadline } from '../../../../src/decisioning/deadline.js';
import { runAuction } from '../../../../src/decisioning/sources/openrtb/auction.js';
import type { AuctionResult } from '../../../../src/decisioning/sources/openrtb/auction-result.js';
import { impSpecsOf } from '../../../../src/decisioning/sources/openrtb/bid-checks.js';
import { createOpenRtbSource } from '../../../../src/decisioning/sources/openrtb/openrtb-source.js';
import { openRtbParamsSchema, type OpenRtbParams } from '../../../../src/decisioning/sources/openrtb/params.js';
import type { PodCandidate } from '../../../../src/decisioning/sources/openrtb/pod-builder.js';
import { buildBidRequest } from '../../../../src/decisioning/sources/openrtb/request-builder.js';
import { normalizeCats, normalizeDomains } from '../../../../src/decisioning/sources/openrtb/separation.js';
import { createUndiciBidTransport } from '../../../../src/decisioning/sources/openrtb/transport.js';
import { DEMO_BIDDERS } from '../../../../src/demo/bidders/demo-bidder-profiles.js';
import { makeDemoBids } from '../../../../src/demo/bidders/demo-bid-maker.js';
import { DEMO_RTB_TMAX_MS } from '../../../../src/demo/bidders/demo-rtb-channel.js';
import { startDemo, type DemoHandle } from '../../../../src/demo/start-demo.js';
import { createUndiciFetcher } from '../../../../src/net/fetcher.js';
import { solveExhaustive } from '../../decisioning/sources/openrtb/support/exhaustive-pod.js';
import { sharedDemoMedia } from '../support.js';

let demo: DemoHandle;
const transport = createUndiciBidTransport();
const fetcher = createUndiciFetcher();
const clock = { nowMs: () => Date.UTC(2026, 0, 1) };

beforeAll(async () => {
  const media = await sharedDemoMedia();
  demo = await startDemo({ mediaDir: media.mediaDir, clock });
}, 120_000);

afterAll(async () => {
  await transport.close();
  await fetcher.close();
  await demo?.close();
});

const session = { id: 'rtb-session', channelId: 'demo-live-rtb', originPath: 'live/master.m3u8', format: 'hls' as const, playerParams: {}, clientIp: '203.0.113.9', userAgent: 'TestTV/1.0', reportingMode: 'server' as const, createdAtMs: 0 };
const brk30 = { id: 'brk-30', startUs: 0, durationUs: 30_000_000, mediaSequence: 0, dialect: 'cue-out' as const, joinedMidBreak: false };
const fixedRandom = () => 0.5;

function rtbChannelParams(): OpenRtbParams {
  const channel = demo.channels.find((c) => c.id === 'demo-live-rtb');
  if (channel?.adDecision.type !== 'openrtb') throw new TypeError('demo-live-rtb is not an openrtb channel');
  const { type: _type, ...params } = channel.adDecision;
  return openRtbParamsSchema.parse(params);
}

async function auction(): Promise<{ result: AuctionResult; params: OpenRtbParams }> {
  const params = rtbChannelParams();
  const { request } = buildBidRequest({ brk: brk30, session, avail: { availNum: 1, availIndex: 0 }, params, random: fixedRandom });
  const result = await runAuction({ request, params, bidders: params.bidders.map((b) => ({ ...b, params: {} })), breakSec: 30, budgetMs: params.tmaxMs }, { transport, nowMs: clock.nowMs });
  return { result, params };
}

const winnersOf = (r: AuctionResult) => r.winners.map((i) => r.bids[i]!);

describe('demo bidders', () => {
  it('adds a live OpenRTB channel the channel schema accepts, on the live path', () => {
    const channel = demo.channels.find((c) => c.id === 'demo-live-rtb');
    expect(channelSchema.safeParse(channel).success).toBe(true);
    expect(demo.channelPaths['demo-live-rtb']).toBe(demo.channelPaths['demo-live']);
    const params = rtbChannelParams();
    expect(params).toMatchObject({ tmaxMs: DEMO_RTB_TMAX_MS, separation: { adomain: true, cat: true } });
    expect(params.bidders.map((b) => b.endpoint)).toEqual(DEMO_BIDDERS.map((b) => `${demo.originBaseUrl}ortb/${b.name}`));
  });

  it('picks a pod that respects separation and the break, drops the slow bidder as late, and repeats itself', async () => {
    const { result, params } = await auction();
    // Ends at its cutoff, not when the slow partner answers; the slack is for timers on a
    // loaded CI box (this suite ran at load 7 on 2 cores), the late status is the real check.
    expect(result.elapsedMs).toBeLessThan(DEMO_RTB_TMAX_MS + 500);
    expect(result.bidders.map((b) => [b.name, b.status])).toEqual([['acme-dsp', 'bid'], ['globex-video', 'bid'], ['initech-exchange', 'bid'], ['slowpoke-ssp', 'late']]);
    expect(result.bidders[3]?.detail).toMatch(/^no answer by the auction cutoff/);
    const winners = winnersOf(result);
    expect(winners.length).toBeGreaterThan(1);
    expect(winners.reduce((s, w) => s + (w.durSec ?? 0), 0)).toBeLessThanOrEqual(30);
    for (const [i, a] of winners.entries()) {
      for (const b of winners.slice(i + 1)) {
        expect(a.bid.adomain!.some((d) => b.bid.adomain!.includes(d)), `${a.bid.id} and ${b.bid.id} share an advertiser`).toBe(false);
        expect(a.bid.cat!.some((c) => b.bid.cat!.includes(c)), `${a.bid.id} and ${b.bid.id} share a category`).toBe(false);
      }
    }
    // Separation really cut something: bids for the winners' advertisers or categories lost on it.
    expect(result.bids.filter((b) => b.fate.status === 'lost' && b.fate.reason === 'separation').length).toBeGreaterThan(0);

    // The pod is the best one the rules allow (an independent brute-force solver agrees).
    const valid = result.bids.map((b, i) => ({ b, i })).filter(({ b }) => b.fate.status !== 'invalid');
    const candidates: PodCandidate[] = valid.map(({ b }) => ({ bidder: b.bidder, bidId: b.bid.id, impId: b.bid.impid, priceCpm: b.bid.price, durSec: b.durSec ?? 0, adomains: normalizeDomains(b.bid.adomain), cats: normalizeCats(b.bid.cat) }));
    const best = solveExhaustive({ imps: impSpecsOf(result.request), totalDurSec: 30, separation: params.separation, candidates });
    expect(winners.map((w) => w.bid.id).sort()).toEqual(best.set.map((k) => candidates[k]!.bidId).sort());

    const again = await auction();
    expect(winnersOf(again.result).map((w) => [w.bidder, w.bid.id, w.bid.price])).toEqual(winners.map((w) => [w.bidder, w.bid.id, w.bid.price]));
  });

  it('serves winners that play: the OpenRTB source turns them into pod ads on the demo creatives, billing on the beacon sink', async () => {
    const built = createOpenRtbSource({ ...rtbChannelParams() }, { fetcher, clock, random: fixedRandom, logger: { warn: () => undefined, debug: () => undefined }, transport });
    if (!built.ok) throw new TypeError(built.error.join('; '));
    const deadline = createDeadline(2_000, clock);
    const { pod } = await built.value.decideWithAuction(brk30, session, { availNum: 1, availIndex: 0 }, deadline);
    deadline.dispose();
    expect(pod.source).toBe('openrtb');
    expect(pod.ads.length).toBeGreaterThan(1);
    for (const ad of pod.ads) {
      expect(ad.hlsUrl).toMatch(new RegExp(`^${demo.originBaseUrl}ads/ad-(red|blue|green)/master\\.m3u8$`));
      expect((await fetch(ad.hlsUrl)).status).toBe(200);
      expect(ad.tracking.impression?.every((u) => u.startsWith(`${demo.originBaseUrl}beacon?e=impression`))).toBe(true);
      // burl, its price macro filled with the clearing price: fired with the impression.
      expect(ad.tracking.billing).toEqual([expect.stringMatching(new RegExp(`^${demo.originBaseUrl}beacon\\?e=billing.*&price=\\d+(\\.\\d+)?$`))]);
    }
    expect(pod.filledUs).toBeLessThanOrEqual(30_000_000);
  });

  it('bids only durations the imp accepts, seeded by the request id', () => {
    const creatives = new Map(['ad-red', 'ad-blue', 'ad-green'].map((id, k) => [id, { creative: { id, title: id, durationSec: [10, 15, 5][k]!, delivery: 'hls' as const }, mediaFile: { url: `http://demo/ads/${id}/master.m3u8`, delivery: 'streaming' as const, type: 'application/x-mpegURL' as const, width: 640, height: 360, bitrateKbps: 800 } }]));
    const request = (id: string, video: Record<string, unknown>) => ({ id, imp: [{ id: '1', video: { mimes: ['application/x-mpegURL'], ...video } }] });
    const globex = DEMO_BIDDERS.find((b) => b.name === 'globex-video')!;
    const all = makeDemoBids(globex, request('r1', { poddur: 30, maxseq: 3 }), { baseUrl: 'http://demo', creatives });
    expect(all?.seatbid?.[0]?.bid.map((b) => [b.dur, b.adomain])).toEqual([[10, ['globex-foods.example']], [5, ['globex-foods.example']], [5, ['umbrella-pharma.example']]]);
    const fives = makeDemoBids(globex, request('r1', { poddur: 30, rqddurs: [5] }), { baseUrl: 'http://demo', creatives });
    expect(fives?.seatbid?.[0]?.bid.map((b) => b.dur)).toEqual([5, 5]);
    expect(makeDemoBids(globex, request('r1', { poddur: 4 }), { baseUrl: 'http://demo', creatives })).toBeUndefined();
    const prices = (id: string) => makeDemoBids(globex, request(id, { poddur: 30 }), { baseUrl: 'http://demo', creatives })?.seatbid?.[0]?.bid.map((b) => b.price);
    expect(prices('r1')).toEqual(prices('r1'));
    expect(prices('r2')).not.toEqual(prices('r1'));
    const first = all!.seatbid![0]!.bid[0]!;
    expect(first.burl).toContain('&price=${AUCTION_PRICE}');
    expect(first.lurl).toContain('&code=${AUCTION_LOSS}');
    expect(first.adm).toContain('http://demo/ads/ad-red/master.m3u8');
  });

  it('answers 400 to a body that is not a pod request, and 404 for an unknown bidder', async () => {
    const post = (path: string, body: string) => fetch(new URL(path, demo.originBaseUrl), { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect((await post('ortb/acme-dsp', '{"id": ')).status).toBe(400);
    expect((await post('ortb/acme-dsp', JSON.stringify({ id: 'x', imp: [] }))).status).toBe(400);
    expect((await post('ortb/nobody', JSON.stringify({ id: 'x', imp: [] }))).status).toBe(404);
    expect((await fetch(new URL('ortb/acme-dsp', demo.originBaseUrl))).status).toBe(405);
  });
});
