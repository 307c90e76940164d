import { afterAll, describe, expect, it } from 'vitest';
import { createDeadline } from '../../../../../src/decisioning/deadline.js';
import { createOpenRtbSource } from '../../../../../src/decisioning/sources/openrtb/openrtb-source.js';
import { RecordingNotifier } from '../../../../../src/decisioning/sources/openrtb/notifier.js';
import type { OpenRtbParamsInput } from '../../../../../src/decisioning/sources/openrtb/params.js';
import { createUndiciBidTransport } from '../../../../../src/decisioning/sources/openrtb/transport.js';
import { MemoryFrequencyCapStore, type FrequencyCapStore } from '../../../../../src/decisioning/sources/openrtb/frequency-cap.js';
import { decideWithDeadline } from '../../../../../src/decisioning/source-outcome.js';
import { createUndiciFetcher } from '../../../../../src/net/fetcher.js';
import { routes, startLoopbackServer, type ScriptedResponse } from '../../../../support/loopback-server.js';
import type { CreativeResolver, ResolvableAd, Resolution } from '../../../../../src/conditioning/creative-resolver.js';
import { bid, response } from './support/bids.js';
import { aBreak, aSession } from './support/builders.js';

const transport = createUndiciBidTransport();
const fetcher = createUndiciFetcher();
afterAll(async () => {
  await transport.close();
  await fetcher.close();
});
const clock = { nowMs: () => 1_700_000_000_000 };
const avail = { availNum: 1, availIndex: 0 };

async function sourceFor(table: Record<string, ScriptedResponse>, over: Partial<OpenRtbParamsInput> = {}, capStore?: FrequencyCapStore, creatives?: CreativeResolver) {
  const server = await startLoopbackServer(routes(table));
  const notifier = new RecordingNotifier();
  const bidders = Object.keys(table).filter((p) => p.startsWith('/dsp')).map((p) => ({ name: p.slice(1), endpoint: server.url(p) }));
  const built = createOpenRtbSource({ tmaxMs: 400, bidders, ...over }, { fetcher, clock, random: () => 0.25, logger: { warn: () => undefined, debug: () => undefined }, transport, notifier, ...(capStore ? { frequencyCapStore: capStore } : {}), ...(creatives ? { creatives } : {}) });
  if (!built.ok) throw new Error(built.error.join('; '));
  return { source: built.value, notifier, server };
}

describe('OpenRTB source end to end (loopback partners)', () => {
  it('sends win notices with the clearing price and loss notices with OpenRTB loss codes', async () => {
    const nurl = (id: string) => `https://n.example/win?id=\${AUCTION_BID_ID}&p=\${AUCTION_PRICE}&imp=\${AUCTION_IMP_ID}&seat=\${AUCTION_SEAT_ID}&ad=\${AUCTION_AD_ID}#${id}`;
    const lurl = 'https://n.example/loss?id=${AUCTION_BID_ID}&code=${AUCTION_LOSS}&p=${AUCTION_PRICE}';
    const { source, notifier } = await sourceFor({
      '/dsp-a': { status: 200, body: response([{ ...bid({ id: 'a1', price: 10, dur: 30, adomain: ['ford.com'], nurl: nurl('a1'), lurl }), adid: 'creative-9' }, bid({ id: 'a2', price: 3, dur: 30, adomain: ['kia.com'], lurl })]) },
      '/dsp-b': { status: 200, body: response([bid({ id: 'b1', price: 8, dur: 30, adomain: ['ford.com'], lurl }), bid({ id: 'b2', price: 6, dur: 30, adomain: ['bmw.com'], nurl: nurl('b2') })], 'USD', 'seat-b') },
    }, { priceRule: 'second' });
    const deadline = createDeadline(2_000, clock);
    const { pod, auction } = await source.decideWithAuction(aBreak(), aSession(), avail, deadline);
    deadline.dispose();
    expect(pod.ads.map((a) => a.id)).toEqual(['ad-a1-1', 'ad-b2-2']);
    expect(pod.filledUs).toBe(60_000_000);
    // a1 clears at the best losing bid at or below it (b1, 8) + 0.01; b2 at a2 (3) + 0.01.
    expect(auction.bids.map((b) => [b.bid.id, b.fate])).toEqual([
      ['a1', { status: 'won', slot: 1, clearingPriceCpm: 8.01 }],
      ['a2', { status: 'lost', reason: 'price' }],
      ['b1', { status: 'lost', reason: 'separation' }],
      ['b2', { status: 'won', slot: 2, clearingPriceCpm: 3.01 }],
    ]);
    expect(notifier.notices.map((n) => [n.kind, n.url, n.lossCode])).toEqual([
      ['win', 'https://n.example/win?id=a1&p=8.01&imp=1&seat=seat-1&ad=creative-9#a1', 0],
      ['loss', 'https://n.example/loss?id=a2&code=102&p=', 102],
      ['loss', 'https://n.example/loss?id=b1&code=205&p=', 205],
      ['win', 'https://n.example/win?id=b2&p=3.01&imp=1&seat=seat-b&ad=cr-b2#b2', 0],
    ]);
  });

  it('puts burl under a billing event and fills macros inside adm too', async () => {
    const adm = `<VAST version="4.0"><Ad id="adm-x"><InLine><AdSystem>t</AdSystem><AdTitle>t</AdTitle><Impression><![CDATA[https://imp.example/x?p=\${AUCTION_PRICE}]]></Impression><Creatives><Creative id="c"><Linear><Duration>00:00:15</Duration><MediaFiles><MediaFile delivery="streaming" type="application/x-mpegURL"><![CDATA[https://cdn.example/x.m3u8]]></MediaFile></MediaFiles></Linear></Creative></Creatives></InLine></Ad></VAST>`;
    const { source } = await sourceFor({ '/dsp-a': { status: 200, body: response([bid({ id: 'x', price: 4.5, adm, burl: 'https://bill.example/b?p=${AUCTION_PRICE}&cur=${AUCTION_CURRENCY}' })]) } });
    const deadline = createDeadline(2_000, clock);
    const pod = await source.decide(aBreak(), aSession(), avail, deadline);
    deadline.dispose();
    expect(pod.ads[0]?.tracking).toEqual({ impression: ['https://imp.example/x?p=4.5'], billing: ['https://bill.example/b?p=4.5&cur=USD'] });
  });

  it('caps frequency per viewer across decisions', async () => {
    const store = new MemoryFrequencyCapStore();
    const { source } = await sourceFor({ '/dsp-a': { status: 200, body: response([bid({ id: 'f1', price: 10, adomain: ['ford.com'] }), bid({ id: 'k1', price: 2, adomain: ['kia.com'] })]) } }, { frequencyCap: { maxImpressions: 1, windowSec: 3_600 } }, store);
    const session = aSession({ playerParams: { ifa: 'a5f0d3e2-0000-4000-8000-000000000001' } });
    const first = await source.decide(aBreak(), session, avail, createDeadline(2_000, clock));
    const second = await source.decide(aBreak({ id: 'brk-8' }), aSession({ id: 'other-session', playerParams: session.playerParams }), { availNum: 2, availIndex: 1 }, createDeadline(2_000, clock));
    expect(first.ads.map((a) => a.adId)).toEqual(['ad-f1', 'ad-k1']);
    expect(second.ads).toEqual([]);
    expect(second.notes).toEqual(['no ad: 2 bid(s), frequency-cap 2']);
  });

  it('records shown advertisers with the channel\'s cap window, so a shared store keeps them that long', async () => {
    const recorded: Array<{ domains: readonly string[]; windowMs: number | undefined }> = [];
    const inner = new MemoryFrequencyCapStore();
    const store = {
      counts: inner.counts.bind(inner),
      record: (viewer: string, domains: readonly string[], nowMs: number, windowMs?: number) => {
        recorded.push({ domains, windowMs });
        return inner.record(viewer, domains, nowMs);
      },
    };
    const { source } = await sourceFor({ '/dsp-a': { status: 200, body: response([bid({ id: 'f1', price: 10, adomain: ['ford.com'] })]) } }, { frequencyCap: { maxImpressions: 3, windowSec: 3_600 } }, store);
    await source.decide(aBreak(), aSession({ playerParams: { ifa: 'a5f0d3e2-0000-4000-8000-000000000002' } }), avail, createDeadline(2_000, clock));
    expect(recorded).toEqual([{ domains: ['ford.com'], windowMs: 3_600_000 }]);
  });

  it('ends at the caller\'s deadline when it is nearer than tmax, with an empty pod and a reason', async () => {
    const { source } = await sourceFor({ '/dsp-a': { hang: true }, '/dsp-b': { status: 200, delayMs: 2_000, body: response([bid({ id: 'z', price: 1 })]) } }, { tmaxMs: 1_000 });
    const deadline = createDeadline(150, clock);
    const t0 = performance.now();
    const result = await decideWithDeadline(source, aBreak(), aSession(), avail, deadline, clock);
    deadline.dispose();
    expect(performance.now() - t0).toBeLessThan(150 + 200);
    expect(result.pod.ads).toEqual([]);
    expect(['empty', 'late']).toContain(result.outcome);
  });

  describe('MP4-only winners go through conditioning', () => {
    const mp4Vast = (adId: string) => `<VAST version="4.0"><Ad id="${adId}"><InLine><AdSystem>t</AdSystem><AdTitle>t</AdTitle><Impression><![CDATA[https://imp.example/${adId}]]></Impression><Error><![CDATA[https://err.example/${adId}?c=[ERRORCODE]]]></Error><Creatives><Creative id="cr-${adId}"><UniversalAdId idRegistry="ad-id.org">${adId.toUpperCase()}</UniversalAdId><Linear><Duration>00:00:15</Duration><MediaFiles><MediaFile delivery="progressive" type="video/mp4" width="1280" height="720"><![CDATA[https://cdn.example/${adId}.mp4]]></MediaFile></MediaFiles></Linear></Creative></Creatives></InLine></Ad></VAST>`;
    const lurl = 'https://n.example/loss?id=${AUCTION_BID_ID}&code=${AUCTION_LOSS}';
    const resolver = (answer: Resolution) => {
      const asked: ResolvableAd[] = [];
      const r: CreativeResolver = { resolve: (ad) => { asked.push(ad); return Promise.resolve(answer); } };
      return { r, asked };
    };
    const run = async (answer: Resolution) => {
      const { r, asked } = resolver(answer);
      const { source, notifier } = await sourceFor({ '/dsp-a': { status: 200, body: response([bid({ id: 'm', price: 9, adm: mp4Vast('mp4ad'), lurl, adomain: ['m.com'] }), bid({ id: 'h', price: 2, adomain: ['h.com'], lurl })]) } }, {}, undefined, r);
      const deadline = createDeadline(2_000, clock);
      const out = await source.decideWithAuction(aBreak(), aSession(), avail, deadline);
      deadline.dispose();
      return { ...out, asked, notices: notifier.notices };
    };

    it('plays a conditioned creative as its conditioned HLS', async () => {
      const { pod, asked, auction } = await run({ kind: 'hls', url: '/creatives/k1/master.m3u8', conditioned: true });
      expect(asked).toEqual([{ adId: 'mp4ad', universalAdId: 'ad-id.org:MP4AD', mediaFiles: [{ url: 'https://cdn.example/mp4ad.mp4', mimeType: 'video/mp4', delivery: 'progressive', width: 1280, height: 720 }] }]);
      expect(pod.ads.map((a) => [a.adId, a.hlsUrl])).toEqual([['mp4ad', '/creatives/k1/master.m3u8'], ['ad-h', 'https://cdn.example/ad-h/master.m3u8']]);
      expect(auction.bids.map((b) => b.fate.status)).toEqual(['won', 'won']);
      expect(pod.dropped).toBeUndefined();
    });

    it('leaves out a creative still being conditioned without firing its Error URL; the loss notice says "pending processing" (201)', async () => {
      const { pod, auction, notices } = await run({ kind: 'skip', reason: 'transcode_in_progress', note: 'job cond-1 queued' });
      expect(pod.ads.map((a) => a.adId)).toEqual(['ad-h']);
      expect(pod.dropped).toBeUndefined();
      expect(auction.bids[0]?.fate).toEqual({ status: 'lost', reason: 'conditioning', detail: 'ad mp4ad skipped: transcode_in_progress: job cond-1 queued' });
      expect(notices.map((n) => [n.kind, n.url])).toEqual([['loss', 'https://n.example/loss?id=m&code=201']]);
    });

    it('fires the Error URL with 405 when conditioning failed, and 403 when the creative cannot be conditioned', async () => {
      const failed = await run({ kind: 'skip', reason: 'transcode_failed', note: 'TRANSCODE_AUDIO_ONLY' });
      expect(failed.pod.dropped).toEqual([{ adId: 'mp4ad', errorUrls: ['https://err.example/mp4ad?c=[ERRORCODE]'], code: 405 }]);
      expect(failed.auction.bids[0]?.fate).toMatchObject({ status: 'lost', reason: 'markup' });
      expect(failed.notices.map((n) => n.lossCode)).toEqual([204]);
      const never = await run({ kind: 'skip', reason: 'no_variant_match', note: 'nothing to condition' });
      expect(never.pod.dropped).toEqual([{ adId: 'mp4ad', errorUrls: ['https://err.example/mp4ad?c=[ERRORCODE]'], code: 403 }]);
    });
  });
});
