import { describe, expect, it } from 'vitest';
import { buildPod, type PodCandidate, type PodImpSpec, type PodProblem } from '../../../../../src/decisioning/sources/openrtb/pod-builder.js';
import { orderCompliant, randomProblem, solveExhaustive } from './support/exhaustive-pod.js';

const dyn = (over: Partial<PodImpSpec> = {}): PodImpSpec => ({ impId: '1', kind: 'dynamic', podDurSec: 60, maxSeq: 0, minDurSec: 0, maxDurSec: 60, slotInPod: 0, floorCpm: 0, minCpmPerSec: 0, ...over });
const bid = (id: string, price: number, dur: number, over: Partial<PodCandidate> = {}): PodCandidate => ({ bidder: 'x', bidId: id, impId: '1', priceCpm: price, durSec: dur, adomains: [`${id}.com`], cats: [], ...over });
const problem = (candidates: PodCandidate[], over: Partial<PodProblem> = {}): PodProblem => ({ imps: [dyn()], totalDurSec: 60, separation: { adomain: true, cat: false }, candidates, ...over });
const won = (p: PodProblem) => buildPod(p).winners.map((i) => p.candidates[i]!.bidId);

describe('pod builder', () => {
  it('maximises total price, not greedy price order', () => {
    // Greedy takes a (60 s, 20) and stops; b + c (2 × 30 s) pay 24.
    const p = problem([bid('a', 20, 60), bid('b', 12, 30), bid('c', 12, 30)]);
    expect(won(p)).toEqual(['b', 'c']);
    expect(buildPod(p).revenueMicros).toBe(24_000_000);
  });

  it('respects maxseq and poddur', () => {
    const p = problem([bid('a', 5, 10), bid('b', 5, 10), bid('c', 5, 10), bid('d', 5, 10)], { imps: [dyn({ maxSeq: 3 })] });
    expect(won(p)).toHaveLength(3);
    const q = problem([bid('a', 5, 30), bid('b', 5, 30), bid('c', 5, 30)], { imps: [dyn({ podDurSec: 60 })] });
    expect(won(q)).toHaveLength(2);
  });

  it('separates by adomain (case and www. insensitive upstream) and by cat when asked', () => {
    const p = problem([bid('a', 10, 15, { adomains: ['ford.com'] }), bid('b', 9, 15, { adomains: ['ford.com'] }), bid('c', 8, 15, { adomains: ['kia.com'], cats: ['IAB2'] }), bid('d', 7, 15, { adomains: ['vw.com'], cats: ['IAB2'] })]);
    expect(won(p)).toEqual(['a', 'c', 'd']);
    const fates = buildPod(p).fates;
    expect(fates[1]).toEqual({ status: 'lost', reason: 'separation' });
    expect(won({ ...p, separation: { adomain: true, cat: true } })).toEqual(['a', 'c']);
  });

  it('drops bids outside rqddurs, below floor and below mincpmpersec with reasons', () => {
    const p = problem([bid('a', 10, 15), bid('b', 10, 20), bid('c', 2, 15), bid('d', 5, 30)], { imps: [dyn({ rqddurs: [15, 30], floorCpm: 3, minCpmPerSec: 0.2 })] });
    const s = buildPod(p);
    expect(won(p)).toEqual(['a']);
    expect(s.fates.map((f) => (f.status === 'lost' ? f.reason : 'won'))).toEqual(['won', 'duration', 'floor', 'floor']);
  });

  it('places first/last-slot bids at the ends and never two must-be-first bids', () => {
    const p = problem([bid('a', 10, 10, { position: -1 }), bid('b', 9, 10), bid('c', 8, 10, { position: 1 }), bid('d', 7, 10, { position: 1 })]);
    const s = buildPod(p);
    expect(won(p)).toEqual(['c', 'b', 'a']);
    expect(s.fates[3]).toEqual({ status: 'lost', reason: 'price' });
  });

  it('fills a structured pod one bid per slot, in slot order', () => {
    const imps: PodImpSpec[] = ['1', '2', '3'].map((id, i) => dyn({ impId: id, kind: 'slot', podDurSec: 30, maxSeq: 1, maxDurSec: 30, slotInPod: i === 0 ? 1 : i === 2 ? -1 : 0 }));
    const p = problem([bid('a', 10, 30, { impId: '3' }), bid('b', 9, 30, { impId: '3' }), bid('c', 8, 30, { impId: '1' }), bid('d', 7, 15, { impId: '2' }), bid('e', 6, 30, { impId: '2', position: -1 })], { imps, totalDurSec: 90 });
    const s = buildPod(p);
    expect(won(p)).toEqual(['c', 'd', 'a']);
    expect(s.fates[4]).toEqual({ status: 'lost', reason: 'position' });
  });

  it('honours the frequency-cap allowance per domain', () => {
    const p = problem([bid('a', 10, 15, { adomains: ['ford.com'] }), bid('b', 9, 15)], { domainAllowance: new Map([['ford.com', 0]]) });
    expect(won(p)).toEqual(['b']);
    expect(buildPod(p).fates[0]).toEqual({ status: 'lost', reason: 'frequency-cap' });
  });

  it('breaks ties by price, then duration, then bidder name, then bid id', () => {
    const p = problem([bid('z', 10, 30, { bidder: 'b', adomains: ['same.com'] }), bid('y', 10, 30, { bidder: 'a', adomains: ['same.com'] }), bid('x', 10, 15, { bidder: 'c', adomains: ['same.com'] })], { imps: [dyn({ maxSeq: 1 })] });
    expect(won(p)).toEqual(['x']);
    const q = problem([bid('z', 10, 30, { bidder: 'b', adomains: ['same.com'] }), bid('y', 10, 30, { bidder: 'a', adomains: ['same.com'] })]);
    expect(won(q)).toEqual(['y']);
  });

  it('handles a realistic pod (300 bids, 10 slots) exactly and quickly', () => {
    const candidates = Array.from({ length: 300 }, (_v, i) => bid(`b${i}`, 5 + ((i * 7919) % 1000) / 50, [15, 30, 15, 20, 10][i % 5]!, { bidder: `p${i % 20}`, adomains: [`d${i % 40}.com`], cats: [`IAB${i % 9}`] }));
    const p = problem(candidates, { imps: [dyn({ podDurSec: 120, maxSeq: 10, maxDurSec: 30 })], totalDurSec: 120, separation: { adomain: true, cat: true } });
    const t0 = performance.now();
    const s = buildPod(p);
    expect(performance.now() - t0).toBeLessThan(2_000); // generous: CI boxes are loaded; the bench measures speed
    expect(s.exact).toBe(true);
    expect(s.winners.length).toBeGreaterThan(0);
    expect(buildPod(p)).toEqual(s);
  });
});

describe('pod builder against an exhaustive solver (200 seeded problems)', () => {
  it('finds exactly the exhaustive optimum, follows every rule, and repeats itself', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const p = randomProblem(seed);
      const s = buildPod(p);
      const ex = solveExhaustive(p);
      expect({ seed, rev: s.revenueMicros }).toEqual({ seed, rev: ex.revenueMicros });
      expect({ seed, set: [...s.winners].sort((a, b) => a - b) }).toEqual({ seed, set: ex.set });
      expect(orderCompliant(p, s.winners), `seed ${seed}`).toBe(true);
      expect(buildPod(p)).toEqual(s);
    }
  });
});
