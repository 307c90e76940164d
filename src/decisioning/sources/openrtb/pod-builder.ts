import type { SlotInPod } from './ortb-types.js';
import { Search, type Item } from './pod-search.js';
import type { LossReason, PodCandidate, PodFate, PodImpSpec, PodProblem, PodSolution } from './pod-types.js';
import { conflictOf, type SeparationRules } from './separation.js';

/**
 * Pod construction: which bids fill the break, in which order. Pure and deterministic.
 *
 * Maximises total price (CPM, summed in integer micro-units so sums never depend on float
 * order) subject to: every imp's duration and count limits (a structured slot takes one ad;
 * a dynamic imp up to `maxSeq` ads within `podDurSec`), the break's total duration, each bid's
 * duration rules (`rqddurs` exact, else min/max), floors (`floorCpm`, and `minCpmPerSec` ×
 * duration), slot positions (at most one ad that must be first, one that must be last, and
 * no more than two ads that need an end of the pod), competitive separation and the
 * per-advertiser allowance left by frequency capping.
 *
 * Exact: depth-first branch and bound over the bids in tie-break order (price desc, then
 * duration asc, bidder name, bid id), including a bid before excluding it. The bound is a
 * knapsack DP over the remaining bids (duration and count, separation relaxed) and the sum of
 * the best remaining prices. A bid is dropped up front when a bid before it in that order
 * can always replace it (it conflicts with it, is no longer, and is no more constrained).
 * Among pods of equal revenue the one found first wins: the one whose earliest differing bid,
 * in tie-break order, it contains. A node budget bounds the work; reaching it (never seen
 * for realistic pods) returns the best pod so far with `exact: false`.
 */
export type { LossReason, PodCandidate, PodFate, PodImpSpec, PodProblem, PodSolution } from './pod-types.js';

export const toMicros = (cpm: number): number => Math.round(cpm * 1_000_000);

/** Tie-break order: price desc, duration asc, bidder name, bid id (code-unit order, locale-free). */
export function compareCandidates(a: PodCandidate, b: PodCandidate): number {
  return toMicros(b.priceCpm) - toMicros(a.priceCpm) || a.durSec - b.durSec || cmp(a.bidder, b.bidder) || cmp(a.bidId, b.bidId);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The position a bid takes on an imp, or undefined when the imp cannot honour it. */
export function effectivePosition(imp: PodImpSpec, bidPos: SlotInPod | undefined): SlotInPod | undefined {
  if (imp.kind === 'dynamic') return bidPos ?? 0;
  if (bidPos === undefined || bidPos === 0 || bidPos === imp.slotInPod) return imp.slotInPod;
  if (bidPos === 2 && imp.slotInPod !== 0) return imp.slotInPod;
  return undefined;
}

/** Why a bid can never be in the pod, whatever else is chosen; undefined when it may be. */
export function ineligibility(problem: PodProblem, c: PodCandidate, imp: PodImpSpec | undefined): LossReason | undefined {
  if (imp === undefined) return 'unknown-imp';
  const d = c.durSec;
  if (!(d >= 1) || d > imp.podDurSec || d > problem.totalDurSec) return 'duration';
  if (imp.rqddurs !== undefined ? !imp.rqddurs.includes(d) : d < imp.minDurSec || d > imp.maxDurSec) return 'duration';
  if (effectivePosition(imp, c.position) === undefined) return 'position';
  if (toMicros(c.priceCpm) < toMicros(imp.floorCpm) || toMicros(c.priceCpm) < toMicros(imp.minCpmPerSec * d)) return 'floor';
  if (problem.domainAllowance !== undefined && c.adomains.some((a) => (problem.domainAllowance?.get(a) ?? Infinity) <= 0)) return 'frequency-cap';
  return undefined;
}

export function buildPod(problem: PodProblem): PodSolution {
  const { candidates, imps, separation } = problem;
  const impIndex = new Map(imps.map((imp, i) => [imp.impId, i]));
  const fates: PodFate[] = new Array<PodFate>(candidates.length);
  const eligible: Item[] = [];
  candidates.forEach((c, idx) => {
    const impAt = impIndex.get(c.impId);
    const imp = impAt === undefined ? undefined : imps[impAt];
    const why = ineligibility(problem, c, imp);
    if (why !== undefined || imp === undefined || impAt === undefined) {
      fates[idx] = { status: 'lost', reason: why ?? 'unknown-imp' };
      return;
    }
    eligible.push({ idx, c, imp: impAt, pos: effectivePosition(imp, c.position) ?? 0, units: toMicros(c.priceCpm), key: exclusiveKey(c, imp, separation) });
  });
  // compareCandidates on precomputed micro-units (Math.round per comparison adds up at 300 bids).
  eligible.sort((a, b) => b.units - a.units || a.c.durSec - b.c.durSec || cmp(a.c.bidder, b.c.bidder) || cmp(a.c.bidId, b.c.bidId) || a.idx - b.idx);
  const items = pruneDominated(eligible, imps, separation, problem.domainAllowance !== undefined);
  const search = new Search(problem, items);
  const chosen = search.run();
  const winners = orderPod(chosen.map((i) => items[i]).filter((x): x is Item => x !== undefined));
  winners.forEach((w, slot) => {
    fates[w.idx] = { status: 'won', slot: slot + 1 };
  });
  for (const e of eligible) {
    if (fates[e.idx] !== undefined) continue;
    fates[e.idx] = { status: 'lost', reason: lossReason(problem, e, winners) };
  }
  return { winners: winners.map((w) => w.idx), fates, revenueMicros: search.bestUnits, exact: !search.exhausted, nodes: search.nodes };
}

function exclusiveKey(c: PodCandidate, imp: PodImpSpec, rules: SeparationRules): string | undefined {
  if (rules.cat && c.cats[0] !== undefined) return `c:${c.cats[0]}`;
  if (rules.adomain && c.adomains[0] !== undefined) return `d:${c.adomains[0]}`;
  if (imp.kind === 'slot') return `i:${imp.impId}`;
  return undefined;
}

function lossReason(problem: PodProblem, e: Item, winners: readonly Item[]): LossReason {
  if (winners.some((w) => conflictOf(w.c, e.c, problem.separation) !== undefined)) return 'separation';
  const allowance = problem.domainAllowance;
  if (allowance !== undefined && e.c.adomains.some((d) => winners.filter((w) => w.c.adomains.includes(d)).length >= (allowance.get(d) ?? Infinity))) return 'frequency-cap';
  return 'price';
}

/**
 * Drops a bid when an earlier one (in tie-break order) can always replace it: same imp, no
 * longer, no more constrained in position (anywhere < either end < one given end), its
 * domains and categories (those the rules look at) a subset of the later bid's, and the two
 * unable to share a pod. Any pod holding the later bid is then at least as good, and earlier
 * in the tie-break, holding the earlier one instead, so the later one never wins. Candidate
 * replacers are found through buckets keyed by what makes them conflict (their first
 * domain, first category, or a structured slot), so this stays near linear.
 */
function pruneDominated(sorted: readonly Item[], imps: readonly PodImpSpec[], rules: SeparationRules, capped: boolean): Item[] {
  const buckets = new Map<string, Item[]>();
  const out: Item[] = [];
  const domainsOf = (it: Item) => (rules.adomain || capped ? it.c.adomains : NONE);
  const catsOf = (it: Item) => (rules.cat ? it.c.cats : NONE);
  const keysOf = (it: Item, all: boolean): string[] => {
    const keys: string[] = [];
    const ds = rules.adomain ? it.c.adomains : NONE;
    const cs = rules.cat ? it.c.cats : NONE;
    for (const d of all ? ds : ds.slice(0, 1)) keys.push(`${it.imp}|d|${d}`);
    for (const c of all ? cs : cs.slice(0, 1)) keys.push(`${it.imp}|c|${c}`);
    if (imps[it.imp]?.kind === 'slot') keys.push(`${it.imp}|s`);
    return keys;
  };
  const replaces = (a: Item, b: Item) => a.c.durSec <= b.c.durSec && (a.pos === b.pos || a.pos === 0 || (a.pos === 2 && b.pos !== 0))
    && subset(domainsOf(a), domainsOf(b)) && subset(catsOf(a), catsOf(b));
  for (const it of sorted) {
    const dominated = keysOf(it, true).some((k) => buckets.get(k)?.some((a) => replaces(a, it)) === true);
    if (dominated) continue;
    out.push(it);
    for (const k of keysOf(it, false)) {
      const list = buckets.get(k);
      if (list === undefined) buckets.set(k, [it]);
      else list.push(it);
    }
  }
  return out;
}

const NONE: readonly string[] = [];

function subset(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (!b.includes(x)) return false;
  return true;
}

/** First-only, then first-or-last, middle ads by imp order then tie-break order, last-only. */
function orderPod(chosen: readonly Item[]): Item[] {
  const first = chosen.filter((i) => i.pos === 1);
  const last = chosen.filter((i) => i.pos === -1);
  const ends = chosen.filter((i) => i.pos === 2);
  const middle = chosen.filter((i) => i.pos === 0).sort((a, b) => a.imp - b.imp || compareCandidates(a.c, b.c));
  const head = [...first];
  const tail = [...last];
  for (const e of ends) {
    if (head.length === 0) head.push(e);
    else tail.unshift(e);
  }
  return [...head, ...middle, ...tail];
}

