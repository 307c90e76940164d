import { describe, expect, it } from 'vitest';
import { buildBidRequest, randomUuid } from '../../../../../src/decisioning/sources/openrtb/request-builder.js';
import { validateBidRequest } from '../../../../../src/decisioning/sources/openrtb/validation.js';
import { aBreak, aSession, fixedRandom, params } from './support/builders.js';

const avail = { availNum: 1, availIndex: 0 };

describe('bid request builder', () => {
  it('builds one dynamic pod imp per break with every 2.6 pod field', () => {
    const { request, notes } = buildBidRequest({ brk: aBreak(), session: aSession(), avail, params: params({ minCpmPerSec: 0.25, floorCpm: 2 }), random: fixedRandom });
    expect(notes).toEqual([]);
    expect(request.imp).toEqual([{
      id: '1',
      video: {
        mimes: ['video/mp4', 'application/x-mpegURL'], protocols: [2, 3, 5, 6, 7, 8], plcmt: 1, linearity: 1,
        podid: 'brk-7', podseq: 1, minduration: 0, maxduration: 60, poddur: 60, maxseq: 6, slotinpod: 0, mincpmpersec: 0.25,
      },
      bidfloor: 2, bidfloorcur: 'USD', ssai: 3,
    }]);
    expect(request.tmax).toBe(270);
    expect(request.source?.tid).toBe(request.id);
    expect(request.at).toBe(1);
    expect(validateBidRequest(request)).toEqual([]);
  });

  it('uses rqddurs instead of min/max duration when configured', () => {
    const { request } = buildBidRequest({ brk: aBreak(), session: aSession(), avail, params: params({ pod: { rqddurs: [15, 30, 90] } }), random: fixedRandom });
    expect(request.imp[0]?.video.rqddurs).toEqual([15, 30]);
    expect(request.imp[0]?.video.minduration).toBeUndefined();
  });

  it('builds structured pods (first slot 1, last -1) and hybrid pods around a dynamic middle', () => {
    const s = buildBidRequest({ brk: aBreak({ durationUs: 90_000_000 }), session: aSession(), avail: { availNum: 2, availIndex: 1 }, params: params({ pod: { mode: 'structured', slotDurationSec: 30 } }), random: fixedRandom }).request;
    expect(s.imp.map((i) => [i.id, i.video.slotinpod, i.video.maxduration, i.video.poddur, i.video.podseq])).toEqual([['1', 1, 30, undefined, 0], ['2', 0, 30, undefined, 0], ['3', -1, 30, undefined, 0]]);
    const h = buildBidRequest({ brk: aBreak({ durationUs: 120_000_000 }), session: aSession(), avail, params: params({ pod: { mode: 'hybrid', slotDurationSec: 15, maxSeq: 6 } }), random: fixedRandom }).request;
    expect(h.imp.map((i) => [i.id, i.video.slotinpod, i.video.poddur, i.video.maxseq])).toEqual([['1', 1, undefined, undefined], ['2', 0, 90, 4], ['3', -1, undefined, undefined]]);
    expect(validateBidRequest(h)).toEqual([]);
  });

  it('falls back to a dynamic pod when the break is too short for a hybrid one', () => {
    const r = buildBidRequest({ brk: aBreak({ durationUs: 20_000_000 }), session: aSession(), avail, params: params({ pod: { mode: 'hybrid', slotDurationSec: 15 } }), random: fixedRandom });
    expect(r.request.imp).toHaveLength(1);
    expect(r.notes[0]).toMatch(/requested as a dynamic pod/);
  });

  it('fills device, regs, user consent and content from the session, config and SCTE-35', () => {
    const session = aSession({ playerParams: { ifa: 'a5f0d3e2-0000-4000-8000-000000000001', lmt: '0', gdpr: '1', gdpr_consent: 'CPXxRfAPXxRfAAfKABENB', us_privacy: '1YNN', gpp: 'DBACNY~CPXxRfA', gpp_sid: '2,6', sua: '{"platform":{"brand":"Roku"},"mobile":0}' } });
    const brk = aBreak({ scte35: { base64: 'x', segmentationUpid: 'EIDR:10.5240/1489-49A2-3956-4B2D-FE16-5', segmentationTypeId: 52 } });
    const p = params({ app: { bundle: 'com.example.tv', name: 'Example TV', publisherId: 'pub-1' }, content: { genre: 'news', livestream: true, lenSec: 3600 } });
    const { request } = buildBidRequest({ brk, session, avail, params: p, random: fixedRandom });
    expect(request.device).toEqual({ ua: 'Roku/DVP-12.0', sua: { platform: { brand: 'Roku' }, mobile: 0 }, ip: '203.0.113.9', ifa: 'a5f0d3e2-0000-4000-8000-000000000001', lmt: 0, devicetype: 3 });
    expect(request.regs).toEqual({ gdpr: 1, us_privacy: '1YNN', gpp: 'DBACNY~CPXxRfA', gpp_sid: [2, 6] });
    expect(request.user).toEqual({ consent: 'CPXxRfAPXxRfAAfKABENB' });
    expect(request.app).toEqual({
      bundle: 'com.example.tv', name: 'Example TV', publisher: { id: 'pub-1' },
      content: { genre: 'news', livestream: 1, len: 3600, ext: { scte35: { upid: 'EIDR:10.5240/1489-49A2-3956-4B2D-FE16-5', segmentationTypeId: 52 } } },
    });
    expect(request.site).toBeUndefined();
  });

  it('puts an IPv6 client in device.ipv6 and omits regs when the player sent none', () => {
    const { request } = buildBidRequest({ brk: aBreak(), session: aSession({ clientIp: '2001:db8::1' }), avail, params: params({ site: { domain: 'example.com' } }), random: fixedRandom });
    expect(request.device?.ipv6).toBe('2001:db8::1');
    expect(request.device?.ip).toBeUndefined();
    expect(request.regs).toBeUndefined();
    expect(request.site).toEqual({ domain: 'example.com' });
  });

  it('is deterministic: tid comes from the injected random source', () => {
    const a = buildBidRequest({ brk: aBreak(), session: aSession(), avail, params: params(), random: fixedRandom });
    const b = buildBidRequest({ brk: aBreak(), session: aSession(), avail, params: params(), random: fixedRandom });
    expect(a).toEqual(b);
    expect(randomUuid(() => 0)).toBe('00000000-0000-4000-8000-000000000000');
    expect(randomUuid(fixedRandom)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
