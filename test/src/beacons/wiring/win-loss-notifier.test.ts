import { afterAll, describe, expect, it } from 'vitest';
import { BeaconDispatcher } from '../../../../src/beacons/beacon-dispatcher.js';
import { createBeaconSender } from '../../../../src/beacons/beacon-sender.js';
import { MemoryBeaconLedger } from '../../../../src/beacons/ledger/memory-beacon-ledger.js';
import { BeaconWinLossNotifier, winLossBeaconJob } from '../../../../src/beacons/wiring/win-loss-notifier.js';
import { createDeadline } from '../../../../src/decisioning/deadline.js';
import type { AuctionNotice } from '../../../../src/decisioning/sources/openrtb/notifier.js';
import { createOpenRtbSource } from '../../../../src/decisioning/sources/openrtb/openrtb-source.js';
import { createUndiciBidTransport } from '../../../../src/decisioning/sources/openrtb/transport.js';
import { createUndiciFetcher } from '../../../../src/net/fetcher.js';
import { InProcessJobQueue } from '../../../../src/queue/in-process-queue.js';
import { routes, startLoopbackServer, type LoopbackServer } from '../../../support/loopback-server.js';
import { bid, response } from '../../decisioning/sources/openrtb/support/bids.js';
import { aBreak, aSession } from '../../decisioning/sources/openrtb/support/builders.js';

const transport = createUndiciBidTransport();
const fetcher = createUndiciFetcher();
const sender = createBeaconSender({ timeoutMs: 2_000 });
afterAll(async () => {
  await transport.close();
  await fetcher.close();
  await sender.close();
});
const clock = { nowMs: () => 1_700_000_000_000 };

async function delivery() {
  const queue = new InProcessJobQueue();
  const ledger = new MemoryBeaconLedger();
  const dispatcher = new BeaconDispatcher({
    queue, ledger, sender, userAgent: 'Interlude/test (+server-side)',
    backoff: { type: 'exponential', delayMs: 10, maxDelayMs: 20, jitter: 0 },
  });
  await dispatcher.startWorker();
  const errors: unknown[] = [];
  const notifier = new BeaconWinLossNotifier({ enqueuer: dispatcher, nowMs: () => Date.now(), onError: (e) => errors.push(e) });
  return { queue, notifier, errors };
}

async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const ok = (s: LoopbackServer) => s.requests.filter((r) => r.url.startsWith('/win') || r.url.startsWith('/loss'));

describe('BeaconWinLossNotifier', () => {
  it('delivers the winners\' nurl once and each loser\'s lurl once, loss code filled, through the dispatcher and queue', async () => {
    let firstWin = true;
    const notices = await startLoopbackServer(routes({
      // The first win notice meets a 503: the retry must carry the same request id and URL.
      '/win': (_req, res) => {
        res.statusCode = firstWin ? 503 : 204;
        firstWin = false;
        res.end();
      },
      '/loss': { status: 204, body: '' },
    }));
    const nurl = `${notices.url('/win')}?id=\${AUCTION_BID_ID}&p=\${AUCTION_PRICE}`;
    const lurl = `${notices.url('/loss')}?id=\${AUCTION_BID_ID}&code=\${AUCTION_LOSS}`;
    const partners = await startLoopbackServer(routes({
      '/dsp-a': { status: 200, body: response([bid({ id: 'a1', price: 10, dur: 30, adomain: ['ford.com'], nurl, lurl }), bid({ id: 'a2', price: 3, dur: 30, adomain: ['kia.com'], lurl })]) },
      '/dsp-b': { status: 200, body: response([bid({ id: 'b1', price: 8, dur: 30, adomain: ['ford.com'], lurl }), bid({ id: 'b2', price: 6, dur: 30, adomain: ['bmw.com'], nurl, lurl })], 'USD', 'seat-b') },
    }));
    const { queue, notifier, errors } = await delivery();
    const built = createOpenRtbSource(
      { tmaxMs: 400, priceRule: 'second', bidders: [{ name: 'dsp-a', endpoint: partners.url('/dsp-a') }, { name: 'dsp-b', endpoint: partners.url('/dsp-b') }] },
      { fetcher, clock, random: () => 0.25, logger: { warn: () => undefined, debug: () => undefined }, transport, notifier },
    );
    if (!built.ok) throw new Error(built.error.join('; '));
    const deadline = createDeadline(2_000, clock);
    const pod = await built.value.decide(aBreak(), aSession(), { availNum: 1, availIndex: 0 }, deadline);
    deadline.dispose();
    expect(pod.ads.map((a) => a.id)).toEqual(['ad-a1-1', 'ad-b2-2']);

    await notifier.drain();
    await until(() => ok(notices).filter((r) => r.url.startsWith('/win')).length >= 3 && ok(notices).filter((r) => r.url.startsWith('/loss')).length >= 2);
    await new Promise((r) => setTimeout(r, 150)); // room for a duplicate to show up
    const wins = ok(notices).filter((r) => r.url.startsWith('/win'));
    const losses = ok(notices).filter((r) => r.url.startsWith('/loss'));
    // One 503 and its retry, then b2: three requests, two distinct notices.
    expect(wins.map((r) => r.url).sort()).toEqual(['/win?id=a1&p=8.01', '/win?id=a1&p=8.01', '/win?id=b2&p=3.01']);
    const a1 = wins.filter((r) => r.url.includes('id=a1'));
    expect(a1[0]?.headers['x-request-id']).toBe(a1[1]?.headers['x-request-id']);
    expect(losses.map((r) => r.url).sort()).toEqual(['/loss?id=a2&code=102', '/loss?id=b1&code=205']);
    for (const r of [...wins, ...losses]) {
      expect(r.headers['x-device-ip']).toBe('203.0.113.9');
      expect(r.headers['x-device-user-agent']).toBe('Roku/DVP-12.0');
      expect(r.headers['user-agent']).toBe('Interlude/test (+server-side)');
    }
    expect(errors).toEqual([]);
    await queue.close();
  });

  it('sends a notice handed over twice once, and one without a session with server headers only', async () => {
    const notices = await startLoopbackServer(routes({ '/loss': { status: 204, body: '' } }));
    const { queue, notifier } = await delivery();
    const notice: AuctionNotice = { kind: 'loss', url: notices.url('/loss?id=x&code=102'), bidder: 'dsp-a', bidId: 'x', lossCode: 102, auctionId: 'auc-1' };
    notifier.notify(notice);
    notifier.notify(notice);
    await notifier.drain();
    await until(() => notices.requests.length >= 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(notices.requests).toHaveLength(1);
    const h = notices.requests[0]?.headers ?? {};
    expect(h['x-device-ip']).toBeUndefined();
    expect(h['x-forwarded-for']).toBeUndefined();
    expect(h['x-device-user-agent']).toBeUndefined();
    expect(h['x-request-id']).toBe(winLossBeaconJob(notice, 0).id);
    await queue.close();
  });

  it('names each notice by auction, bidder, bid and kind', () => {
    const base: AuctionNotice = { kind: 'win', url: 'https://n.example/w', bidder: 'dsp-a', bidId: 'b1', lossCode: 0, auctionId: 'auc-1' };
    const id = (n: Partial<AuctionNotice>) => winLossBeaconJob({ ...base, ...n }, 0).id;
    expect(id({ url: 'https://other.example/', session: { id: 's', clientIp: '1.2.3.4', userAgent: 'x' } })).toBe(id({}));
    expect(new Set([id({}), id({ kind: 'loss' }), id({ auctionId: 'auc-2' }), id({ bidId: 'b2' }), id({ bidder: 'dsp-b' })]).size).toBe(5);
    expect(winLossBeaconJob({ ...base, session: { id: 'sess-9', clientIp: '1.2.3.4', userAgent: 'ua' } }, 5)).toMatchObject({ sessionId: 'sess-9', event: 'win', viewer: { ip: '1.2.3.4', userAgent: 'ua' }, firedAtMs: 5 });
  });
});
