// An independent, brute-force pod solver and a seeded generator of pod problems, shared by
// the pod-quality test and test/bench/openrtb-auction.bench.ts. It enumerates every subset,
// checks every rule from scratch (no code shared with pod-builder.ts beyond the types), and
// breaks revenue ties the documented way: the pod containing the earliest differing bid in
// tie-break order (price desc, duration asc, bidder, bid id) wins.
import type { PodCandidate, PodImpSpec, PodProblem } from '../../../../../../src/decisioning/sources/openrtb/pod-builder.js';
import type { SlotInPod } from '../../../../../../src/decisioning/sources/openrtb/ortb-types.js';

export interface ExhaustiveResult {
  /** Candidate indexes, sorted ascending. */
  readonly set: readonly number[];
  readonly revenueMicros: number;
}

const micros = (p: number) => Math.round(p * 1_000_000);

function order(a: PodCandidate, b: PodCandidate): number {
  return micros(b.priceCpm) - micros(a.priceCpm) || a.durSec - b.durSec || (a.bidder < b.bidder ? -1 : a.bidder > b.bidder ? 1 : 0) || (a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0);
}

function position(imp: PodImpSpec, p: SlotInPod | undefined): SlotInPod | undefined {
  if (imp.kind === 'dynamic') return p ?? 0;
  if (p === undefined || p === 0) return imp.slotInPod;
  if (p === imp.slotInPod) return p;
  if (p === 2 && imp.slotInPod !== 0) return imp.slotInPod;
  return undefined;
}

function alone(problem: PodProblem, c: PodCandidate): boolean {
  const imp = problem.imps.find((i) => i.impId === c.impId);
  if (imp === undefined) return false;
  if (c.durSec < 1 || c.durSec > imp.podDurSec || c.durSec > problem.totalDurSec) return false;
  if (imp.rqddurs ? !imp.rqddurs.includes(c.durSec) : c.durSec < imp.minDurSec || c.durSec > imp.maxDurSec) return false;
  if (position(imp, c.position) === undefined) return false;
  if (micros(c.priceCpm) < micros(imp.floorCpm) || micros(c.priceCpm) < micros(imp.minCpmPerSec * c.durSec)) return false;
  if (c.adomains.some((d) => (problem.domainAllowance?.get(d) ?? 1) < 1)) return false;
  return true;
}

export function feasible(problem: PodProblem, set: readonly number[]): boolean {
  const cs = set.map((i) => problem.candidates[i]!);
  if (!cs.every((c) => alone(problem, c))) return false;
  if (cs.reduce((s, c) => s + c.durSec, 0) > problem.totalDurSec) return false;
  for (const imp of problem.imps) {
    const mine = cs.filter((c) => c.impId === imp.impId);
    if (imp.kind === 'slot' && mine.length > 1) return false;
    if (imp.kind === 'dynamic' && imp.maxSeq > 0 && mine.length > imp.maxSeq) return false;
    if (mine.reduce((s, c) => s + c.durSec, 0) > imp.podDurSec) return false;
  }
  const pos = cs.map((c) => position(problem.imps.find((i) => i.impId === c.impId)!, c.position)!);
  const f = pos.filter((p) => p === 1).length;
  const l = pos.filter((p) => p === -1).length;
  const e = pos.filter((p) => p === 2).length;
  if (f > 1 || l > 1 || f + l + e > 2) return false;
  for (let a = 0; a < cs.length; a++) {
    for (let b = a + 1; b < cs.length; b++) {
      const x = cs[a]!;
      const y = cs[b]!;
      if (problem.separation.adomain && x.adomains.some((d) => y.adomains.includes(d))) return false;
      if (problem.separation.cat && x.cats.some((d) => y.cats.includes(d))) return false;
    }
  }
  if (problem.domainAllowance) {
    for (const [d, cap] of problem.domainAllowance) if (cs.filter((c) => c.adomains.includes(d)).length > cap) return false;
  }
  return true;
}

export function solveExhaustive(problem: PodProblem): ExhaustiveResult {
  const n = problem.candidates.length;
  const rank = [...problem.candidates.keys()].sort((a, b) => order(problem.candidates[a]!, problem.candidates[b]!) || a - b);
  const rankOf = new Map(rank.map((idx, r) => [idx, r]));
  let best: number[] = [];
  let bestRev = 0;
  const better = (set: number[], rev: number) => {
    if (rev !== bestRev) return rev > bestRev;
    const a = set.map((i) => rankOf.get(i)!).sort((x, y) => x - y);
    const b = best.map((i) => rankOf.get(i)!).sort((x, y) => x - y);
    for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
    return a.length > b.length;
  };
  for (let mask = 1; mask < 1 << n; mask++) {
    const set: number[] = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) set.push(i);
    if (!feasible(problem, set)) continue;
    const rev = set.reduce((s, i) => s + micros(problem.candidates[i]!.priceCpm), 0);
    if (better(set, rev)) {
      best = set;
      bestRev = rev;
    }
  }
  return { set: best, revenueMicros: bestRev };
}

/** Play order rules: a must-be-first ad first, a must-be-last ad last, first-or-last at an end. */
export function orderCompliant(problem: PodProblem, winners: readonly number[]): boolean {
  return winners.every((w, k) => {
    const c = problem.candidates[w]!;
    const p = position(problem.imps.find((i) => i.impId === c.impId)!, c.position);
    const isFirst = k === 0;
    const isLast = k === winners.length - 1;
    return p === 1 ? isFirst : p === -1 ? isLast : p === 2 ? isFirst || isLast : true;
  });
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded pod problem small enough to enumerate (≤ maxBids candidates). */
export function randomProblem(seed: number, maxBids = 13): PodProblem {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const mode = pick(['dynamic', 'dynamic', 'structured', 'hybrid'] as const);
  const total = pick([30, 45, 60, 90, 120]);
  const rqddurs = rnd() < 0.25 ? [15, 30] : undefined;
  const floor = rnd() < 0.3 ? pick([1, 5, 8]) : 0;
  const mcps = rnd() < 0.2 ? pick([0.2, 0.4]) : 0;
  const base = { minDurSec: 0, rqddurs, floorCpm: floor, minCpmPerSec: mcps };
  let imps: PodImpSpec[];
  if (mode === 'dynamic') {
    imps = [{ impId: '1', kind: 'dynamic', podDurSec: total, maxSeq: pick([0, 2, 3, 4, 6]), maxDurSec: Math.min(60, total), slotInPod: 0, ...base }];
  } else if (mode === 'structured') {
    const n = Math.max(1, Math.min(4, Math.floor(total / 30)));
    imps = Array.from({ length: n }, (_v, i) => ({ impId: String(i + 1), kind: 'slot' as const, podDurSec: 30, maxSeq: 1, maxDurSec: 30, slotInPod: (n === 1 ? 0 : i === 0 ? 1 : i === n - 1 ? -1 : 0), ...base }));
  } else {
    imps = [
      { impId: '1', kind: 'slot', podDurSec: 15, maxSeq: 1, maxDurSec: 15, slotInPod: 1, ...base },
      { impId: '2', kind: 'dynamic', podDurSec: Math.max(15, total - 30), maxSeq: pick([0, 2, 3]), maxDurSec: 60, slotInPod: 0, ...base },
      { impId: '3', kind: 'slot', podDurSec: 15, maxSeq: 1, maxDurSec: 15, slotInPod: -1, ...base },
    ];
  }
  const domains = ['a.com', 'b.com', 'c.com', 'd.com', 'e.com', 'f.com', 'g.com'];
  const cats = ['IAB1', 'IAB2', 'IAB3', 'IAB19', 'IAB20'];
  const n = 4 + Math.floor(rnd() * (maxBids - 3));
  const candidates: PodCandidate[] = Array.from({ length: n }, (_v, i) => {
    const imp = pick(imps);
    const posRoll = rnd();
    const position: SlotInPod | undefined = posRoll < 0.08 ? 1 : posRoll < 0.16 ? -1 : posRoll < 0.22 ? 2 : undefined;
    return {
      bidder: pick(['alpha', 'beta', 'gamma', 'delta']),
      bidId: `b${i}`,
      impId: imp.impId,
      priceCpm: Math.round((2 + rnd() * 20) * 2) / 2,
      durSec: pick([5, 10, 15, 15, 20, 30, 30, 45]),
      adomains: rnd() < 0.15 ? [pick(domains), pick(domains)].sort() : [pick(domains)],
      cats: rnd() < 0.5 ? [pick(cats)] : [],
      ...(position !== undefined ? { position } : {}),
    };
  });
  const separation = { adomain: rnd() < 0.85, cat: rnd() < 0.4 };
  const domainAllowance = rnd() < 0.2 ? new Map([[pick(domains), 0], [pick(domains), 1]]) : undefined;
  return { imps, totalDurSec: total, separation, candidates, ...(domainAllowance ? { domainAllowance } : {}) };
}
