import { afterAll, describe, expect, it } from 'vitest';
import { runAuction } from '../../../../../src/decisioning/sources/openrtb/auction.js';
import type { ResolvedBidder } from '../../../../../src/decisioning/sources/openrtb/bidders/bidder.js';
import type { OpenRtbParamsInput } from '../../../../../src/decisioning/sources/openrtb/params.js';
import { buildBidRequest } from '../../../../../src/decisioning/sources/openrtb/request-builder.js';
import { createUndiciBidTransport } from '../../../../../src/decisioning/sources/openrtb/transport.js';
import { MemoryFrequencyCapStore } from '../../../../../src/decisioning/sources/openrtb/frequency-cap.js';
import { routes, startLoopbackServer, type ScriptedResponse } from '../../../../support/loopback-server.js';
import { bid, response } from './support/bids.js';
import { aBreak, aSession, fixedRandom, params } from './support/builders.js';

const transport = createUndiciBidTransport();
/** Timers fire late on a loaded machine (this suite ran at load 14 on 2 cores). */
const SCHEDULING_SLACK_MS = 150;
afterAll(() => transport.close());

async function auctionAgainst(table: Record<string, ScriptedResponse>, over: Partial<OpenRtbParamsInput> = {}, extra: { capStore?: MemoryFrequencyCapStore } = {}) {
  const server = await startLoopbackServer(routes(table));
  const bidderList = Object.keys(table).map((path) => ({ name: path.slice(1), endpoint: server.url(path) }));
  const p = params({ tmaxMs: 250, bidders: bidderList, ...over });
  const bidders: ResolvedBidder[] = p.bidders.map((b) => ({ ...b, params: {} }));
  const { request } = buildBidRequest({ brk: aBreak(), session: aSession(), avail: { availNum: 1, availIndex: 0 }, params: p, random: fixedRandom });
  const t0 = performance.now();
  const result = await runAuction({ request, params: p, bidders, breakSec: 60, budgetMs: p.tmaxMs }, {
    transport,
    nowMs: () => 1_000,
    ...(extra.capStore ? { frequencyCap: { store: extra.capStore, viewerId: 'v1' } } : {}),
  });
  return { result, wallMs: performance.now() - t0, server };
}

const fateOf = (r: Awaited<ReturnType<typeof auctionAgainst>>['result'], bidder: string, id: string) => r.bids.find((b) => b.bidder === bidder && b.bid.id === id)?.fate;
const outcomeOf = (r: Awaited<ReturnType<typeof auctionAgainst>>['result'], bidder: string) => r.bidders.find((b) => b.name === bidder);

describe('auction: partner faults are fates, never crashes, never late', () => {
  it('drops every misbehaving partner or bid with its reason and still fills the pod by tmax', async () => {
    const { result, wallMs, server } = await auctionAgainst({
      '/good': { status: 200, body: response([bid({ id: 'g1', price: 12 }), bid({ id: 'g2', price: 9, dur: 30 })]) },
      '/slow': { status: 200, delayMs: 2_000, body: response([bid({ id: 's1', price: 99 })]) },
      '/hang': { hang: true },
      '/nobid': { status: 204 },
      '/notjson': { status: 200, body: '{"id": "r", "seatbid": [' },
      '/err500': { status: 503, body: 'busy' },
      '/huge': { status: 200, body: response([bid({ id: 'h1', price: 50, adm: 'x'.repeat(300_000) })]) },
      '/greedy': { status: 200, body: response([bid({ id: 'm1', price: 5_000 })]) },
      '/dups': { status: 200, body: response([bid({ id: 'd1', price: 7, adomain: ['dup-a.com'] }), bid({ id: 'd1', price: 8, adomain: ['dup-b.com'] })]) },
      '/stray': { status: 200, body: response([bid({ id: 'u1', price: 20, impid: '42' })]) },
      '/euro': { status: 200, body: response([bid({ id: 'e1', price: 30 })], 'EUR') },
    }, { tmaxMs: 600 });
    // The cutoff is tmax − finishReserveMs = 590 ms; the slack is for timers on a loaded CI box.
    expect(wallMs).toBeLessThan(600 + SCHEDULING_SLACK_MS);
    expect(result.elapsedMs).toBeLessThan(600 + SCHEDULING_SLACK_MS);
    expect(outcomeOf(result, 'slow')?.status).toBe('late');
    expect(outcomeOf(result, 'hang')?.status).toBe('late');
    expect(outcomeOf(result, 'nobid')?.status).toBe('no-bid');
    expect(outcomeOf(result, 'notjson')).toMatchObject({ status: 'error', detail: expect.stringMatching(/^response is not JSON/) });
    expect(outcomeOf(result, 'err500')).toMatchObject({ status: 'error', detail: 'unexpected HTTP status 503' });
    expect(outcomeOf(result, 'huge')).toMatchObject({ status: 'error', detail: expect.stringMatching(/^too-large: response larger than 262144 bytes/) });
    expect(fateOf(result, 'greedy', 'm1')).toEqual({ status: 'invalid', reason: 'price 5000 is above the maximum 1000' });
    expect(fateOf(result, 'dups', 'd1')).toMatchObject({ status: 'won' });
    expect(result.bids.filter((b) => b.bidder === 'dups').map((b) => b.fate.status)).toEqual(['won', 'invalid']);
    expect(result.bids.find((b) => b.bidder === 'dups' && b.fate.status === 'invalid')?.fate).toEqual({ status: 'invalid', reason: 'duplicate bid id "d1"' });
    expect(fateOf(result, 'stray', 'u1')).toEqual({ status: 'invalid', reason: 'bid for unknown imp "42"' });
    expect(fateOf(result, 'euro', 'e1')).toEqual({ status: 'invalid', reason: 'currency EUR is not USD' });
    expect(result.winners.map((i) => result.bids[i]!.bid.id)).toEqual(['g1', 'g2', 'd1']);
    // Each partner was asked once, with tmax minus the network allowance.
    const asked = server.requests.map((r) => JSON.parse(r.body).tmax as number);
    expect(new Set(asked)).toEqual(new Set([570]));
  });

  it('tells each partner its own budget and cuts a slow one off at it', async () => {
    const server = await startLoopbackServer(routes({ '/quick': { status: 200, delayMs: 120, body: response([bid({ id: 'q1', price: 5 })]) }, '/other': { status: 200, body: response([bid({ id: 'o1', price: 4 })]) } }));
    const p = params({ tmaxMs: 300, bidders: [{ name: 'quick', endpoint: server.url('/quick'), tmaxMs: 80 }, { name: 'other', endpoint: server.url('/other') }] });
    const { request } = buildBidRequest({ brk: aBreak(), session: aSession(), avail: { availNum: 1, availIndex: 0 }, params: p, random: fixedRandom });
    const result = await runAuction({ request, params: p, bidders: p.bidders.map((b) => ({ ...b, params: {} })), breakSec: 60, budgetMs: 300 }, { transport, nowMs: () => 0 });
    expect(result.bidders.map((b) => [b.name, b.status, b.detail])).toEqual([['quick', 'late', 'timeout: no complete answer within 80 ms'], ['other', 'bid', undefined]]);
    expect(JSON.parse(server.requests.find((r) => r.url === '/quick')!.body).tmax).toBe(50);
  });

  it('drops a bid without adomain when separating by advertiser, and separates the rest', async () => {
    const noDomain = { ...bid({ id: 'n1', price: 30 }), adomain: undefined };
    const { result } = await auctionAgainst({
      '/a': { status: 200, body: response([noDomain, bid({ id: 'a1', price: 10, adomain: ['ford.com'] })]) },
      '/b': { status: 200, body: response([bid({ id: 'b1', price: 9, adomain: ['www.Ford.com'] }), bid({ id: 'b2', price: 8, adomain: ['kia.com'] })]) },
    });
    expect(fateOf(result, 'a', 'n1')).toEqual({ status: 'invalid', reason: 'no adomain (required for competitive separation)' });
    expect(fateOf(result, 'b', 'b1')).toEqual({ status: 'lost', reason: 'separation' });
    expect(result.winners.map((i) => result.bids[i]!.bid.id)).toEqual(['a1', 'b2']);
  });

  it('prices second-price winners at the next bid + 0.01, never above their bid', async () => {
    const { result } = await auctionAgainst({
      '/a': { status: 200, body: response([bid({ id: 'a1', price: 10, dur: 30 }), bid({ id: 'a2', price: 6, dur: 30 })]) },
      '/b': { status: 200, body: response([bid({ id: 'b1', price: 5, dur: 30 })]) },
    }, { priceRule: 'second', pod: { maxSeq: 1 } });
    expect(fateOf(result, 'a', 'a1')).toEqual({ status: 'won', slot: 1, clearingPriceCpm: 6.01 });
    expect(fateOf(result, 'a', 'a2')).toEqual({ status: 'lost', reason: 'price' });
  });

  it('applies the frequency cap per viewer and advertiser domain', async () => {
    const store = new MemoryFrequencyCapStore();
    await store.record('v1', ['ford.com'], 900);
    const { result } = await auctionAgainst({
      '/a': { status: 200, body: response([bid({ id: 'a1', price: 20, adomain: ['ford.com'] }), bid({ id: 'a2', price: 5, adomain: ['kia.com'] })]) },
    }, { frequencyCap: { maxImpressions: 1, windowSec: 60 } }, { capStore: store });
    expect(fateOf(result, 'a', 'a1')).toEqual({ status: 'lost', reason: 'frequency-cap' });
    expect(result.winners.map((i) => result.bids[i]!.bid.id)).toEqual(['a2']);
  });

  it('does not send an impossible request', async () => {
    const p = params();
    const { request } = buildBidRequest({ brk: aBreak(), session: aSession(), avail: { availNum: 1, availIndex: 0 }, params: p, random: fixedRandom });
    const broken = { ...request, imp: [{ ...request.imp[0]!, video: { ...request.imp[0]!.video, maxseq: -1 } }] };
    let sent = 0;
    const result = await runAuction({ request: broken, params: p, bidders: p.bidders.map((b) => ({ ...b, params: {} })), breakSec: 60, budgetMs: 300 }, { transport: { send: () => { sent++; return Promise.reject(new Error('must not send')); } }, nowMs: () => 0 });
    expect(sent).toBe(0);
    expect(result.notes).toEqual(['bid request invalid, not sent: imp[0].video.maxseq: must be an integer ≥ 0 (got -1)']);
  });
});
