import type { PodCandidate, PodImpSpec, PodProblem } from './pod-types.js';
import type { SlotInPod } from './ortb-types.js';

/**
 * The branch-and-bound search behind pod-builder.ts (see its doc for the rules and the
 * tie-break). Depth first over bids in tie-break order, including a bid before excluding it;
 * a subtree is cut when no pod in it can strictly beat the best so far, by three bounds:
 * the best remaining prices, a knapsack table over duration and count (separation relaxed),
 * and a per-key bound that sees separation (see separatedBound). Effort is counted in nodes
 * and bids scanned, both deterministic, so a budget-limited search still repeats itself.
 */
export interface Item {
  readonly idx: number;
  readonly c: PodCandidate;
  readonly imp: number;
  readonly pos: SlotInPod;
  readonly units: number;
  /** Bids with the same key can never share a pod (see Search.separatedBound). */
  readonly key: string | undefined;
  /** Dense ids of the bid's domains and categories, for O(1) conflict checks. */
  domainIds: readonly number[];
  catIds: readonly number[];
  keyId: number;
}

const DEFAULT_MAX_NODES = 200_000;
/** Bids scanned by the bounds, all nodes together: tens of milliseconds at most. */
const DEFAULT_MAX_WORK = 3_000_000;
const MAX_DP_CELLS = 3_000_000;
// The table is (bids × seconds × slots) floats: worth it only once a search proves hard.
const DP_AFTER_NODES = 1_000;

export class Search {
  bestUnits = 0;
  nodes = 0;
  exhausted = false;
  private best: number[] = [];
  private readonly stack: number[] = [];
  private readonly impCount: number[];
  private readonly impDur: number[];
  private readonly maxNodes: number;
  private readonly maxWork: number;
  private readonly D: number;
  private readonly K: number;
  private readonly prefix: number[];
  /** Built on first use (lazily, so a pod with no choices never pays for it). */
  private dp: Float64Array | undefined;
  private readonly dpAffordable: boolean;
  private first = 0;
  private last = 0;
  private ends = 0;
  private readonly domUsed: Int32Array;
  private readonly catUsed: Int32Array;
  private readonly allowance: Float64Array;
  /** Stamped with `stamp` when a key is taken in separatedBound (no per-node allocation). */
  private readonly keySeen: Int32Array;
  private readonly keyGroup: Int32Array;
  private readonly gPrice: Float64Array;
  private readonly gDensity: Float64Array;
  private readonly gOrder: Int32Array;
  /** Bids scanned by bounds so far: the deterministic measure of search effort. */
  work = 0;
  private stamp = 0;

  constructor(private readonly problem: PodProblem, private readonly items: readonly Item[]) {
    this.impCount = problem.imps.map(() => 0);
    this.impDur = problem.imps.map(() => 0);
    this.maxNodes = problem.maxNodes ?? DEFAULT_MAX_NODES;
    this.maxWork = problem.maxWork ?? DEFAULT_MAX_WORK;
    this.D = Math.max(0, Math.floor(problem.totalDurSec));
    const capOf = (imp: PodImpSpec) => (imp.kind === 'slot' ? 1 : imp.maxSeq > 0 ? imp.maxSeq : imp.podDurSec);
    this.K = Math.min(items.length, problem.imps.reduce((s, imp) => s + capOf(imp), 0), this.D);
    this.prefix = [0];
    for (const it of items) this.prefix.push((this.prefix[this.prefix.length - 1] ?? 0) + it.units);
    this.dpAffordable = (items.length + 1) * (this.D + 1) * (this.K + 1) <= MAX_DP_CELLS;
    const domainIds = new Map<string, number>();
    const catIds = new Map<string, number>();
    const keyIds = new Map<string, number>();
    const idOf = (m: Map<string, number>, k: string) => {
      let v = m.get(k);
      if (v === undefined) m.set(k, (v = m.size));
      return v;
    };
    items.forEach((it, j) => {
      it.domainIds = [...new Set(it.c.adomains)].map((d) => idOf(domainIds, d));
      it.catIds = [...new Set(it.c.cats)].map((c) => idOf(catIds, c));
      it.keyId = idOf(keyIds, it.key ?? `#${j}`);
    });
    this.domUsed = new Int32Array(domainIds.size);
    this.catUsed = new Int32Array(catIds.size);
    this.keySeen = new Int32Array(keyIds.size);
    this.keyGroup = new Int32Array(keyIds.size);
    this.gPrice = new Float64Array(keyIds.size);
    this.gDensity = new Float64Array(keyIds.size);
    this.gOrder = new Int32Array(keyIds.size);
    this.allowance = new Float64Array(domainIds.size).fill(Infinity);
    for (const [d, id] of domainIds) {
      const cap = problem.domainAllowance?.get(d);
      if (cap !== undefined) this.allowance[id] = cap;
    }
  }

  run(): number[] {
    this.dfs(0, 0, 0);
    return this.best;
  }

  /** ub[i][d][k]: best price from items i… within d seconds and k ads, separation relaxed. */
  private knapsackBound(): Float64Array {
    const { D, K, items } = this;
    const K1 = K + 1;
    const stride = (D + 1) * K1;
    const dp = new Float64Array((items.length + 1) * stride);
    for (let i = items.length - 1; i >= 0; i--) {
      const it = items[i] as Item;
      const w = it.c.durSec;
      const units = it.units;
      const row = i * stride;
      const next = row + stride;
      // Not taking item i: copy the next row; then taking it where it fits.
      dp.copyWithin(row, next, next + stride);
      for (let d = w; d <= D; d++) {
        const base = row + d * K1;
        const from = next + (d - w) * K1;
        for (let k = 1; k <= K; k++) {
          const take = units + (dp[from + k - 1] as number);
          if (take > (dp[base + k] as number)) dp[base + k] = take;
        }
      }
    }
    this.work += items.length * (D + 1);
    return dp;
  }

  private bound(i: number, dur: number, cnt: number): number {
    const k = this.K - cnt;
    if (k <= 0) return 0;
    const top = (this.prefix[Math.min(this.items.length, i + k)] ?? 0) - (this.prefix[i] ?? 0);
    if (this.dp === undefined && this.dpAffordable && this.nodes > DP_AFTER_NODES) this.dp = this.knapsackBound();
    if (this.dp === undefined) return top;
    const v = this.dp[i * (this.D + 1) * (this.K + 1) + (this.D - dur) * (this.K + 1) + k] ?? 0;
    return v < top ? v : top;
  }

  /**
   * A bound that sees separation: among the remaining bids that could still join the current
   * pod, bids sharing an exclusive key (their first category when categories separate, else
   * their first domain) conflict pairwise, so at most one per key plays. The best price per
   * key, summed over the best `K - n` keys, bounds what is left to gain; so does a
   * fractional knapsack over keys, each worth at most its best price and at most its best
   * price-per-second times the seconds it is given (the duration side of the same relaxation).
   */
  private separatedBound(i: number, dur: number): number {
    const left = this.K - this.stack.length;
    if (left <= 0) return 0;
    const room = this.D - dur;
    const stamp = ++this.stamp;
    const { gPrice, gDensity, gOrder } = this;
    // Per key: its best price (the first seen: items are in price order) and best density.
    let groups = 0;
    let byCount = 0;
    const n = this.items.length;
    this.work += n - i;
    for (let j = i; j < n; j++) {
      const it = this.items[j] as Item;
      if (it.c.durSec > room) continue;
      const density = it.units / it.c.durSec;
      if (this.keySeen[it.keyId] === stamp) {
        const g = this.keyGroup[it.keyId] ?? 0;
        if (density > (gDensity[g] ?? 0) && this.fits(it, dur)) gDensity[g] = density;
        continue;
      }
      if (!this.fits(it, dur)) continue;
      this.keySeen[it.keyId] = stamp;
      this.keyGroup[it.keyId] = groups;
      gPrice[groups] = it.units;
      gDensity[groups] = density;
      gOrder[groups] = groups;
      groups++;
      if (groups <= left) byCount += it.units;
    }
    // Fractional knapsack over keys: key g is worth at most min(price, density × seconds given).
    const order = gOrder.subarray(0, groups).sort((a, b) => (gDensity[b] ?? 0) - (gDensity[a] ?? 0));
    let byDuration = 0;
    let time = room;
    for (const g of order) {
      if (time <= 0) break;
      const price = gPrice[g] ?? 0;
      const density = gDensity[g] ?? 1;
      const full = price / density;
      if (full <= time) {
        byDuration += price;
        time -= full;
      } else {
        byDuration += density * time;
        time = 0;
      }
    }
    // Micro-units are integers: a bound below the next integer cannot reach it.
    return Math.min(byCount, Math.floor(byDuration + 1e-6));
  }

  private dfs(i: number, dur: number, units: number): void {
    this.nodes++;
    if (units > this.bestUnits) {
      this.bestUnits = units;
      this.best = [...this.stack];
    }
    if (i >= this.items.length || this.exhausted) return;
    if (this.nodes > this.maxNodes || this.work > this.maxWork) {
      this.exhausted = true;
      return;
    }
    if (units + this.bound(i, dur, this.stack.length) <= this.bestUnits) return;
    if (units + this.separatedBound(i, dur) <= this.bestUnits) return;
    const it = this.items[i];
    if (it !== undefined && this.fits(it, dur)) {
      this.push(it, i);
      this.dfs(i + 1, dur + it.c.durSec, units + it.units);
      this.pop(it);
    }
    this.dfs(i + 1, dur, units);
  }

  private fits(it: Item, dur: number): boolean {
    const { problem } = this;
    const imp = problem.imps[it.imp];
    if (imp === undefined) return false;
    if (dur + it.c.durSec > this.D || this.stack.length >= this.K) return false;
    const count = this.impCount[it.imp] ?? 0;
    if (imp.kind === 'slot' ? count >= 1 : imp.maxSeq > 0 && count >= imp.maxSeq) return false;
    if ((this.impDur[it.imp] ?? 0) + it.c.durSec > imp.podDurSec) return false;
    const f = this.first + (it.pos === 1 ? 1 : 0);
    const l = this.last + (it.pos === -1 ? 1 : 0);
    const e = this.ends + (it.pos === 2 ? 1 : 0);
    if (f > 1 || l > 1 || f + l + e > 2) return false;
    const { adomain, cat } = problem.separation;
    for (const d of it.domainIds) {
      const used = this.domUsed[d] ?? 0;
      if ((adomain && used > 0) || used + 1 > (this.allowance[d] ?? Infinity)) return false;
    }
    if (cat) for (const c of it.catIds) if ((this.catUsed[c] ?? 0) > 0) return false;
    return true;
  }

  private push(it: Item, i: number): void {
    this.stack.push(i);
    this.impCount[it.imp] = (this.impCount[it.imp] ?? 0) + 1;
    this.impDur[it.imp] = (this.impDur[it.imp] ?? 0) + it.c.durSec;
    for (const d of it.domainIds) this.domUsed[d] = (this.domUsed[d] ?? 0) + 1;
    for (const c of it.catIds) this.catUsed[c] = (this.catUsed[c] ?? 0) + 1;
    if (it.pos === 1) this.first++;
    else if (it.pos === -1) this.last++;
    else if (it.pos === 2) this.ends++;
  }

  private pop(it: Item): void {
    this.stack.pop();
    this.impCount[it.imp] = (this.impCount[it.imp] ?? 0) - 1;
    this.impDur[it.imp] = (this.impDur[it.imp] ?? 0) - it.c.durSec;
    for (const d of it.domainIds) this.domUsed[d] = (this.domUsed[d] ?? 0) - 1;
    for (const c of it.catIds) this.catUsed[c] = (this.catUsed[c] ?? 0) - 1;
    if (it.pos === 1) this.first--;
    else if (it.pos === -1) this.last--;
    else if (it.pos === 2) this.ends--;
  }
}
