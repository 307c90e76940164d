import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OrtbBidRequest } from '../../../../../src/decisioning/sources/openrtb/ortb-types.js';
import { parseBidRequestText, parseBidResponseText, validateBidRequest } from '../../../../../src/decisioning/sources/openrtb/validation.js';
import { genericBidder } from '../../../../../src/decisioning/sources/openrtb/bidders/generic/generic-bidder.js';
import { vectorPath, vectorsAvailable } from '../../../../support/vectors.js';

const good: OrtbBidRequest = { id: 'r', imp: [{ id: '1', video: { mimes: ['video/mp4'], podid: 'p', poddur: 60, maxseq: 4, minduration: 0, maxduration: 30 } }], tmax: 200 };
const withVideo = (v: Record<string, unknown>): OrtbBidRequest => ({ ...good, imp: [{ id: '1', video: { ...good.imp[0]!.video, ...v } }] });

describe('bid request validation', () => {
  it('accepts a sound dynamic pod request', () => expect(validateBidRequest(good)).toEqual([]));

  it.each([
    [{ maxseq: -1 }, 'imp[0].video.maxseq: must be an integer ≥ 0 (got -1)'],
    [{ poddur: 0 }, 'imp[0].video.poddur: must be a positive integer of seconds (got 0)'],
    [{ poddur: -30 }, 'imp[0].video.poddur: must be a positive integer of seconds (got -30)'],
    [{ minduration: 40 }, 'imp[0].video: minduration 40 exceeds maxduration 30'],
    [{ slotinpod: 3 }, 'imp[0].video.slotinpod: must be 0, 1, -1 or 2 (got 3)'],
    [{ mimes: [] }, 'imp[0].video.mimes: at least one MIME type is required'],
    [{ rqddurs: [15], minduration: undefined, maxduration: undefined, poddur: 10 }, 'imp[0].video: no required duration fits poddur 10'],
  ])('rejects impossible video %j', (v, message) => expect(validateBidRequest(withVideo(v))).toContain(message));

  it('rejects duplicate imp ids, two first slots in one pod, and app with site', () => {
    const slot = (id: string) => ({ id, video: { mimes: ['video/mp4'], podid: 'p', slotinpod: 1 as const, maxduration: 30 } });
    const errors = validateBidRequest({ id: 'r', imp: [slot('1'), slot('1')], app: {}, site: {} });
    expect(errors).toEqual(expect.arrayContaining(['imp[1].id: duplicate imp id "1"', 'pod "p": more than one structured slot with slotinpod 1 (first)', 'app and site: give one, not both']));
  });

  it('reads bid responses bid by bid: one broken bid does not void the rest', () => {
    const r = parseBidResponseText(JSON.stringify({ id: 'r', cur: 'EUR', seatbid: [{ seat: 's', bid: [{ id: 'a', impid: '1', price: 1 }, { id: 'b', impid: '1', price: 'x' }, { id: 'c', impid: '1', price: 2, adomain: 'x.com' }] }] }));
    expect(r.ok && r.value.response.seatbid?.[0]?.bid.map((b) => b.id)).toEqual(['a']);
    expect(r.ok && r.value.dropped).toEqual(['seatbid[0].bid[1] b: price is not a number', 'seatbid[0].bid[2] c: adomain is not a list of strings']);
    expect(r.ok && r.value.response.cur).toBe('EUR');
    expect(parseBidResponseText('[]')).toEqual({ ok: false, errors: ['response is not a JSON object'] });
  });
});

describe.skipIf(!vectorsAvailable)('OpenRTB vectors, read in place', () => {
  const iab = (f: string) => readFileSync(vectorPath('openrtb', 'iab-openrtb2.x', f), 'utf8');

  it.each([
    '2.6__L1711__6-2-4-example-4-video.json',
    'implementation__L1376__7-9-6-3-dooh-video-bid-request.json',
  ])('accepts the published video request %s', (f) => {
    const r = parseBidRequestText(iab(f));
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('accepts the mxmcherry 2.6 video request', () => {
    const r = parseBidRequestText(readFileSync(vectorPath('openrtb', 'mxmcherry-openrtb', 'openrtb2', 'testdata', 'bid-request', '2.6', 'video.json'), 'utf8'));
    expect(r.ok).toBe(true);
  });

  it.each([
    'implementation__L358__7-6-structured-pod-bid-request.snippet.txt',
    'implementation__L611__7-6-dynamic-pod-bid-request.snippet.txt',
    'implementation__L785__7-6-hybrid-pod-bid-request.snippet.txt',
  ])('rejects the §7.6 pod snippet %s clearly: it is not JSON as published', (f) => {
    const r = parseBidRequestText(iab(f));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors[0]).toMatch(/^not JSON: /);
  });

  it('rejects a banner-only request: only video pods are auctioned', () => {
    const r = parseBidRequestText(iab('2.6__L1508__6-2-1-example-1-simple-banner.json'));
    expect(r.ok ? [] : r.errors).toContain('imp[0].video: required (only video pods are auctioned)');
  });

  it('rejects Prebid\'s invalid-whole negative-maxseq request', () => {
    const fx = JSON.parse(readFileSync(vectorPath('openrtb', 'prebid-server', 'endpoints', 'openrtb2', 'sample-requests', 'invalid-whole', 'audio-maxseq-negative.json'), 'utf8'));
    const withVideo = { ...fx.mockBidRequest, imp: fx.mockBidRequest.imp.map((i: { audio: object }) => ({ ...i, video: i.audio })) };
    expect(parseBidRequestText(JSON.stringify(fx.mockBidRequest)).ok).toBe(false);
    expect(validateBidRequest(withVideo)).toContain('imp[0].video.maxseq: must be an integer ≥ 0 (got -1)');
  });

  it('reads the published inline-VAST bid response through the generic bidder', () => {
    const out = genericBidder.makeBids({ method: 'POST', uri: 'https://x.example/', body: '{}', headers: {} }, { status: 200, headers: {}, body: iab('2.6__L1972__6-3-2-example-2-vast-xml-document-returned-inline.json') });
    expect(out.errors).toEqual([]);
    expect(out.bids.map((b) => [b.bid.id, b.bid.impid, b.bid.price])).toEqual([['12345', '2', 3]]);
    expect(out.currency).toBe('USD');
  });

  it('rejects the §7.6 structured pod response snippet clearly', () => {
    const out = genericBidder.makeBids({ method: 'POST', uri: 'https://x.example/', body: '{}', headers: {} }, { status: 200, headers: {}, body: iab('implementation__L532__7-6-structured-pod-bid-response.snippet.txt') });
    expect(out.bids).toEqual([]);
    expect(out.errors[0]).toMatch(/^response is not JSON: /);
  });
});
