import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitPod, type FitCandidate } from '../../../src/decisioning/pod-fit.js';

const S = 1_000_000;
const cand = (adId: string, seconds: number, podSequence?: number): FitCandidate => ({
  ad: { adId, creativeId: `c-${adId}`, durationUs: seconds * S, hlsUrl: `https://cdn.example/${adId}.m3u8`, tracking: {} },
  ...(podSequence === undefined ? {} : { podSequence }),
});

describe('pod fit', () => {
  it('keeps sequenced ads in sequence order and stops the pod at the first that does not fit', () => {
    const r = fitPod([cand('c', 10, 3), cand('a', 15, 1), cand('b', 15, 2), cand('d', 5, 4)], 35 * S);
    expect(r.ads.map((a) => [a.id, a.sequence])).toEqual([['a-1', 1], ['b-2', 2]]);
    expect(r.filledUs).toBe(30 * S);
    expect(r.notes).toEqual(['ad c (10 s) dropped: pod slot 3 does not fit the 5 s left', 'ad d (5 s) dropped: an earlier pod slot did not fit']);
  });

  it('skips an ad longer than the whole break and goes on', () => {
    const r = fitPod([cand('long', 90, 1), cand('a', 20, 2), cand('solo', 61)], 60 * S);
    expect(r.ads.map((a) => a.adId)).toEqual(['a']);
    expect(r.notes).toEqual(['ad long (90 s) skipped: longer than the 60 s break', 'ad solo (61 s) skipped: longer than the 60 s break']);
  });

  it('fills after the pod with stand-alone ads, skipping those that do not fit', () => {
    const r = fitPod([cand('s1', 25), cand('p1', 10, 1), cand('s2', 5), cand('s3', 15)], 30 * S);
    expect(r.ads.map((a) => a.id)).toEqual(['p1-1', 's2-2', 's3-3']);
    expect(r.notes).toEqual(['ad s1 (25 s) skipped: does not fit the 20 s left']);
  });

  it('an exact fit is kept', () => {
    expect(fitPod([cand('a', 15, 1), cand('b', 15, 2)], 30 * S).filledUs).toBe(30 * S);
  });

  it('never overfills, keeps ads whole, numbers slots 1…n (property)', () => {
    const arb = fc.array(fc.record({ seconds: fc.integer({ min: 1, max: 120 }), seq: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }) }), { maxLength: 12 });
    fc.assert(fc.property(arb, fc.integer({ min: 1, max: 180 }), (ads, breakSeconds) => {
      const candidates = ads.map((a, i) => cand(`ad${i}`, a.seconds, a.seq));
      const r = fitPod(candidates, breakSeconds * S);
      expect(r.filledUs).toBeLessThanOrEqual(breakSeconds * S);
      expect(r.filledUs).toBe(r.ads.reduce((s, a) => s + a.durationUs, 0));
      expect(r.ads.map((a) => a.sequence)).toEqual(r.ads.map((_a, i) => i + 1));
      expect(r.ads.length + r.notes.length).toBe(candidates.length);
    }));
  });
});
