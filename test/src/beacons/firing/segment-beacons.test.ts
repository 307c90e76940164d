import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannedAd, PlannedBreak, Pod, PodAd, SplicePlan } from '../../../../manifests/index.js';
import {
  adSegmentation, beaconsForAdSegmentRequest, breakPositionOf, shouldFireServerSide, type SegmentBeaconInput,
} from '../../../../src/beacons/firing/index.js';
import type { Session } from '../../../../src/sessions/session.js';
import { fireAll, recordingTracker } from './helpers.js';

const S = 1_000_000;
const SESSION: Session = {
  id: 's-1', channelId: 'c', originPath: 'v/master.m3u8', format: 'hls', playerParams: {},
  clientIp: '203.0.113.9', userAgent: 'AppleTV/17', reportingMode: 'server', createdAtMs: 0,
};

function podAd(id: string, sequence: number, durationUs: number, extra: Record<string, string[]> = {}): PodAd {
  const tracking: Record<string, string[]> = { ...extra };
  for (const e of ['impression', 'creativeView', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete', 'error']) tracking[e] = [`https://t/${id}/${e}`];
  return { id, sequence, adId: `v-${id}`, creativeId: `c-${id}`, durationUs, hlsUrl: `https://cdn/${id}.m3u8`, tracking };
}

function plannedAd(id: string, sequence: number, startUs: number, segs: number[], msn0 = 0): PlannedAd {
  let off = 0;
  const segments = segs.map((d, i) => { const s = { mediaSequence: msn0 + i, offsetUs: off, durationUs: d }; off += d; return s; });
  return { podAdId: id, adId: `v-${id}`, creativeId: `c-${id}`, sequence, startUs, durationUs: off, segments };
}

function setup(startUs = 10 * S): { plan: SplicePlan; pod: Pod; brk: PlannedBreak } {
  const a = plannedAd('a', 1, startUs, [2 * S, 2 * S, 2 * S, 2 * S]);
  const b = plannedAd('b', 2, startUs + 8 * S, [3 * S, 3 * S]);
  const brk: PlannedBreak = { breakId: 'b1', startUs, durationUs: 14 * S, replacedUs: 0, ads: [a, b], slateUs: 0, notes: [] };
  const pod: Pod = { breakId: 'b1', source: 'vast', ads: [podAd('a', 1, 8 * S), podAd('b', 2, 6 * S)], filledUs: 14 * S, notes: [] };
  return { plan: { mode: 'vod', mediaSequence: 0, discontinuitySequence: 0, breaks: [brk] }, pod, brk };
}

function events(input: SegmentBeaconInput): string[] {
  const r = beaconsForAdSegmentRequest(input);
  if (!r.ok) throw new Error(r.error.reason);
  return r.value.map((b) => `${b.adInstanceId} ${b.event}`);
}

describe('beaconsForAdSegmentRequest', () => {
  const { plan, pod, brk } = setup();
  const ref = (podAdId: string, segment: number) => ({ breakId: 'b1', podAdId, segment });

  it('fires nothing for slate, init sections, keys, or client-side reporting sessions', () => {
    expect(events({ session: SESSION, plan, pod, ref: { ...ref('', 0), kind: 'slate' } })).toEqual([]);
    expect(events({ session: SESSION, plan, pod, ref: { ...ref('a', 0), part: 'map' } })).toEqual([]);
    expect(events({ session: SESSION, plan, pod, ref: { ...ref('a', 0), part: 'key' } })).toEqual([]);
    expect(events({ session: { ...SESSION, reportingMode: 'client' }, plan, pod, ref: ref('a', 0) })).toEqual([]);
    expect(events({ session: SESSION, plan, pod, ref: { ...ref('a', 0), kind: 'ad', part: 'media' } })).toEqual(['b1:a impression', 'b1:a creativeView', 'b1:a start']);
  });

  it('accepts the PlannedBreak alone', () => {
    expect(events({ session: SESSION, plan: brk, pod, ref: ref('b', 1) })).toEqual(['b1:b midpoint', 'b1:b thirdQuartile', 'b1:b complete']);
  });

  it('reports a request it cannot place as a miss, not as beacons', () => {
    const miss = (input: SegmentBeaconInput) => { const r = beaconsForAdSegmentRequest(input); return r.ok ? 'ok' : r.error.reason; };
    expect(miss({ session: SESSION, plan, pod, ref: { ...ref('a', 0), breakId: 'zz' } })).toBe('break-not-in-plan');
    expect(miss({ session: SESSION, plan, pod, ref: ref('zz', 0) })).toBe('ad-not-in-plan');
    expect(miss({ session: SESSION, plan, pod: { ...pod, ads: [] }, ref: ref('a', 0) })).toBe('ad-not-in-pod');
    expect(miss({ session: SESSION, plan, pod, ref: ref('a', 4) })).toBe('segment-unknown');
  });

  it('skips events without URLs but still places the others', () => {
    const bare: Pod = { ...pod, ads: [{ ...pod.ads[0]!, tracking: { complete: ['https://t/a/complete'] } }, pod.ads[1]!] };
    expect(events({ session: SESSION, plan, pod: bare, ref: ref('a', 0) })).toEqual([]);
    expect(events({ session: SESSION, plan, pod: bare, ref: ref('a', 3) })).toEqual(['b1:a complete']);
  });

  it('fills the macro context: playheads in ms, position, pod sequence, ad count, viewer', () => {
    const r = beaconsForAdSegmentRequest({ session: SESSION, plan, pod, ref: ref('b', 0) });
    expect(r.ok && r.value.find((b) => b.event === 'firstQuartile')).toEqual({
      sessionId: 's-1', adInstanceId: 'b1:b', event: 'firstQuartile', urls: ['https://t/b/firstQuartile'],
      viewer: { ip: '203.0.113.9', userAgent: 'AppleTV/17' },
      context: { adPlayheadMs: 1500, mediaPlayheadMs: 19_500, breakPosition: 'midroll', podSequence: 2, adCount: 2 },
    });
  });

  it('the same ad in two breaks is two instances', () => {
    const { plan: p2, pod: pod2 } = setup(40 * S);
    const b2 = { ...p2.breaks[0]!, breakId: 'b2' };
    const both: SplicePlan = { ...plan, breaks: [brk, b2] };
    expect(events({ session: SESSION, plan: both, pod: { ...pod2, breakId: 'b2' }, ref: { ...ref('a', 0), breakId: 'b2' } })[0]).toBe('b2:a impression');
    expect(events({ session: SESSION, plan: both, pod, ref: ref('a', 0) })[0]).toBe('b1:a impression');
  });

  it('live: without a timeline a plan that lost the ad start is a miss; with it, the request is placed', () => {
    const live: PlannedAd = { ...plannedAd('a', 1, -4 * S, [2 * S, 2 * S]), durationUs: 8 * S, segments: [{ mediaSequence: 7, offsetUs: 4 * S, durationUs: 2 * S }, { mediaSequence: 8, offsetUs: 6 * S, durationUs: 2 * S }] };
    const lp: SplicePlan = { mode: 'live', mediaSequence: 5, discontinuitySequence: 0, breaks: [{ ...brk, startUs: -4 * S, ads: [live] }] };
    const r = beaconsForAdSegmentRequest({ session: SESSION, plan: lp, pod, ref: ref('a', 3) });
    expect(r.ok ? 'ok' : r.error.reason).toBe('segment-unknown');
    expect(events({ session: SESSION, plan: lp, pod, ref: ref('a', 3), timeline: { segmentsUs: [2 * S, 2 * S, 2 * S, 2 * S] } })).toEqual(['b1:a thirdQuartile', 'b1:a complete']);
  });

  it('live plan still listing the ad from segment 0 but not its tail: the listed segments are placed', () => {
    const partial: PlannedAd = { ...plannedAd('a', 1, 0, [2 * S, 2 * S]), durationUs: 8 * S };
    expect(adSegmentation(partial).ok).toBe(true);
    const lp: SplicePlan = { mode: 'live', mediaSequence: 0, discontinuitySequence: 0, breaks: [{ ...brk, ads: [partial] }] };
    expect(events({ session: SESSION, plan: lp, pod, ref: ref('a', 1) })).toEqual(['b1:a firstQuartile']);
    expect(beaconsForAdSegmentRequest({ session: SESSION, plan: lp, pod, ref: ref('a', 2) }).ok).toBe(false);
  });

  it('property: any request sequence across renditions cut differently fires each event at most once, and exactly the events the requested spans cover', async () => {
    const cut = fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 });
    await fc.assert(fc.asyncProperty(cut, cut, fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 20 }), async (ra, rb, reqs) => {
      // Scale both cuts to the same 12 s ad (the last segment takes the rounding).
      const scale = (parts: number[]): number[] => {
        const total = parts.reduce((x, y) => x + y, 0);
        const out = parts.map((p) => Math.floor((p * 12 * S) / total));
        out[out.length - 1]! += 12 * S - out.reduce((x, y) => x + y, 0);
        return out.filter((d) => d > 0);
      };
      const ta = scale(ra); const tb = scale(rb);
      const ad = plannedAd('a', 1, 0, ta);
      const p: PlannedBreak = { ...brk, ads: [ad] };
      const { tracker } = recordingTracker();
      const fired: string[] = [];
      const expected = new Set<string>();
      for (const [useB, n] of reqs) {
        const t = useB ? tb : ta;
        const segment = n % t.length;
        const r = beaconsForAdSegmentRequest({ session: SESSION, plan: p, pod, ref: ref('a', segment), timeline: { segmentsUs: t } });
        if (!r.ok) throw new Error(r.error.detail);
        for (const b of r.value) expected.add(b.event);
        fired.push(...await fireAll(tracker, r.value));
      }
      expect(new Set(fired).size).toBe(fired.length);
      expect(new Set(fired.map((f) => f.split(' ')[1]))).toEqual(expected);
    }), { numRuns: 200 });
  });
});

describe('breakPositionOf / shouldFireServerSide', () => {
  const { brk } = setup(0);
  it('derives pre/mid/post-roll for VOD, mid-roll for live, and an explicit position wins', () => {
    expect(breakPositionOf(brk, 'vod')).toBe('preroll');
    expect(breakPositionOf({ ...brk, startUs: 5 * S }, 'vod')).toBe('midroll');
    expect(breakPositionOf({ ...brk, startUs: 86 * S }, 'vod', { outputEndUs: 100 * S })).toBe('postroll');
    expect(breakPositionOf(brk, 'live')).toBe('midroll');
    expect(breakPositionOf(brk, 'vod', { breakPosition: 'standalone' })).toBe('standalone');
  });
  it('fires server-side only for reportingMode server', () => {
    expect(shouldFireServerSide(SESSION)).toBe(true);
    expect(shouldFireServerSide({ reportingMode: 'client' })).toBe(false);
  });
});
