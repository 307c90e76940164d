import type { PodCandidate, PodProblem } from './pod-types.js';
import type { SlotInPod } from './ortb-types.js';

/**
 * The branch-and-bound search behind pod-builder.ts (see its doc for the rules and the
 * tie-break). Depth first over bids in tie-break order, including a bid before excluding it;
 * a subtree is cut when no pod in it can strictly beat the best so far, by three bounds:
 * the best remaining prices, a knapsack table over duration and count (separation relaxed),
 * and a per-key bound that sees separation (see separatedCut). Effort is counted in nodes
 * and bids scanned, both deterministic, so a budget-limited search still repeats itself.
 *
 * It runs on the auction's hot path (one search per break, under tmax), so the bids live in
 * typed arrays built once, conflict checks are counters indexed by dense ids, and no node
 * allocates: the bounds reuse stamped scratch arrays instead of Sets, Maps or sorting.
 */
export interface Item {
  readonly idx: number;
  readonly c: PodCandidate;
  readonly imp: number;
  readonly pos: SlotInPod;
  readonly units: number;
  /** Bids with the same key can never share a pod (see Search.separatedCut). */
  readonly key: string | undefined;
}

const DEFAULT_MAX_NODES = 200_000;
/** Bids scanned by the bounds, all nodes together: a few milliseconds at most. */
const DEFAULT_MAX_WORK = 3_000_000;
const MAX_DP_CELLS = 3_000_000;
// The table is (bids × seconds × slots) floats; it cuts realistic searches by half or more,
// but a pod that the first few nodes settle (most small auctions) never needs it.
const DP_AFTER_NODES = 50;
const NO_LIMIT = 0x3fffffff;
let dpScratch = new Float64Array(0);

export class Search {
  bestUnits = 0;
  nodes = 0;
  exhausted = false;
  /** Bids scanned by bounds so far: the deterministic measure of search effort. */
  work = 0;
  private best: number[] = [];
  private readonly stack: Int32Array;
  private depth = 0;
  private readonly n: number;
  private readonly maxNodes: number;
  private readonly maxWork: number;
  private readonly D: number;
  private readonly K: number;
  // Per bid, in search order.
  private readonly dur: Int32Array;
  private readonly units: Float64Array;
  private readonly impOf: Int32Array;
  private readonly posOf: Int8Array;
  private readonly keyOf: Int32Array;
  /** Domain and category ids per bid, CSR style: ids of bid j are list[start[j] .. start[j+1]). */
  private readonly domStart: Int32Array;
  private readonly domList: Int32Array;
  private readonly catStart: Int32Array;
  private readonly catList: Int32Array;
  /** Bids of each key in search order, CSR style: bids of key k are keyList[keyStart[k] .. keyStart[k+1]). */
  private readonly keyStart: Int32Array;
  private readonly keyList: Int32Array;
  /** Bids by price per second, best first (ties by search order): the fractional bound's order. */
  private readonly densOrder: Int32Array;
  private readonly density: Float64Array;
  private readonly prefix: Float64Array;
  // Per imp.
  private readonly impCap: Int32Array;
  private readonly impPodDur: Int32Array;
  private readonly impCount: Int32Array;
  private readonly impDur: Int32Array;
  // Search state.
  private first = 0;
  private last = 0;
  private ends = 0;
  private readonly sepDomain: boolean;
  private readonly sepCat: boolean;
  private readonly domUsed: Int32Array;
  private readonly catUsed: Int32Array;
  private readonly allowance: Float64Array;
  /** Built on first use (lazily, so a pod with no choices never pays for it). */
  private dp: Float64Array | undefined;
  private readonly dpAffordable: boolean;
  /** Stamped per call of separatedCut: key already priced. */
  private readonly keyDone: Int32Array;
  private readonly keyCount: number;
  private readonly topScratch: Float64Array;
  private stamp = 0;

  constructor(problem: PodProblem, items: readonly Item[]) {
    const n = items.length;
    this.n = n;
    this.maxNodes = problem.maxNodes ?? DEFAULT_MAX_NODES;
    this.maxWork = problem.maxWork ?? DEFAULT_MAX_WORK;
    this.D = Math.max(0, Math.floor(problem.totalDurSec));
    const imps = problem.imps;
    this.impCap = Int32Array.from(imps, (imp) => (imp.kind === 'slot' ? 1 : imp.maxSeq > 0 ? imp.maxSeq : NO_LIMIT));
    this.impPodDur = Int32Array.from(imps, (imp) => Math.min(NO_LIMIT, Math.floor(imp.podDurSec)));
    this.impCount = new Int32Array(imps.length);
    this.impDur = new Int32Array(imps.length);
    const capSum = imps.reduce((s, imp) => s + (imp.kind === 'slot' ? 1 : imp.maxSeq > 0 ? imp.maxSeq : imp.podDurSec), 0);
    this.K = Math.min(n, capSum, this.D);
    this.stack = new Int32Array(Math.max(1, this.K));
    this.dpAffordable = (n + 1) * (this.D + 1) * (this.K + 1) <= MAX_DP_CELLS;
    this.sepDomain = problem.separation.adomain;
    this.sepCat = problem.separation.cat;

    this.dur = new Int32Array(n);
    this.units = new Float64Array(n);
    this.impOf = new Int32Array(n);
    this.posOf = new Int8Array(n);
    this.keyOf = new Int32Array(n);
    this.density = new Float64Array(n);
    this.prefix = new Float64Array(n + 1);
    this.domStart = new Int32Array(n + 1);
    this.catStart = new Int32Array(n + 1);
    const domainIds = new Map<string, number>();
    const catIds = new Map<string, number>();
    const keyIds = new Map<string, number>();
    const idOf = (m: Map<string, number>, k: string) => {
      let v = m.get(k);
      if (v === undefined) m.set(k, (v = m.size));
      return v;
    };
    const doms: number[] = [];
    const cats: number[] = [];
    for (let j = 0; j < n; j++) {
      const it = items[j] as Item;
      this.dur[j] = it.c.durSec;
      this.units[j] = it.units;
      this.impOf[j] = it.imp;
      this.posOf[j] = it.pos;
      this.keyOf[j] = idOf(keyIds, it.key ?? `#${j}`);
      this.density[j] = it.units / it.c.durSec;
      this.prefix[j + 1] = (this.prefix[j] ?? 0) + it.units;
      for (const d of new Set(it.c.adomains)) doms.push(idOf(domainIds, d));
      for (const c of new Set(it.c.cats)) cats.push(idOf(catIds, c));
      this.domStart[j + 1] = doms.length;
      this.catStart[j + 1] = cats.length;
    }
    this.domList = Int32Array.from(doms);
    this.catList = Int32Array.from(cats);
    const density = this.density;
    this.densOrder = Int32Array.from({ length: n }, (_v, j) => j).sort((a, b) => (density[b] as number) - (density[a] as number) || a - b);
    this.domUsed = new Int32Array(domainIds.size);
    this.catUsed = new Int32Array(catIds.size);
    this.allowance = new Float64Array(domainIds.size).fill(Infinity);
    for (const [d, id] of domainIds) {
      const cap = problem.domainAllowance?.get(d);
      if (cap !== undefined) this.allowance[id] = cap;
    }
    const keyCount = keyIds.size;
    this.keyStart = new Int32Array(keyCount + 1);
    for (let j = 0; j < n; j++) {
      const at = (this.keyOf[j] as number) + 1;
      this.keyStart[at] = (this.keyStart[at] as number) + 1;
    }
    for (let k = 0; k < keyCount; k++) this.keyStart[k + 1] = (this.keyStart[k + 1] as number) + (this.keyStart[k] as number);
    this.keyList = new Int32Array(n);
    const fill = this.keyStart.slice(0, keyCount);
    for (let j = 0; j < n; j++) {
      const k = this.keyOf[j] as number;
      this.keyList[fill[k] as number] = j;
      fill[k] = (fill[k] as number) + 1;
    }
    this.keyCount = keyCount;
    this.keyDone = new Int32Array(keyIds.size);
    this.topScratch = new Float64Array(Math.max(1, this.K));
  }

  run(): number[] {
    this.dfs(0, 0, 0);
    return this.best;
  }

  /** ub[i][d][k]: best price from bids i… within d seconds and k ads, separation relaxed. */
  private knapsackBound(): Float64Array {
    const { D, K, n } = this;
    const K1 = K + 1;
    const stride = (D + 1) * K1;
    const size = (n + 1) * stride;
    // One table per search, of up to MAX_DP_CELLS: reuse the last one's memory (searches run
    // one at a time, synchronously) instead of allocating and zeroing megabytes per auction.
    if (dpScratch.length < size) dpScratch = new Float64Array(Math.min(MAX_DP_CELLS, Math.ceil(size * 1.5)));
    const dp = dpScratch.subarray(0, size);
    dp.fill(0, n * stride, size);
    for (let i = n - 1; i >= 0; i--) {
      const w = this.dur[i] as number;
      const units = this.units[i] as number;
      const row = i * stride;
      const next = row + stride;
      // Not taking bid i: copy the next row; then taking it where it fits.
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
    this.work += n * (D + 1);
    return dp;
  }

  private bound(i: number, dur: number): number {
    const k = this.K - this.depth;
    if (k <= 0) return 0;
    const top = (this.prefix[Math.min(this.n, i + k)] as number) - (this.prefix[i] as number);
    if (this.dp === undefined && this.dpAffordable && this.nodes > DP_AFTER_NODES) this.dp = this.knapsackBound();
    if (this.dp === undefined) return top;
    const v = this.dp[i * (this.D + 1) * (this.K + 1) + (this.D - dur) * (this.K + 1) + k] as number;
    return v < top ? v : top;
  }

  /**
   * A bound that sees separation: among the remaining bids that could still join the current
   * pod, bids sharing an exclusive key (their first category when categories separate, else
   * their first domain) conflict pairwise, so at most one per key plays. The best price per
   * key, summed over the best `K - n` keys, bounds what is left to gain; so does a
   * fractional knapsack over keys, each worth at most its best price and at most its best
   * price-per-second times the seconds it is given (the duration side of the same relaxation).
   * True when the smaller of the two cannot exceed `need`, i.e. the subtree can be cut.
   *
   * The duration side goes first and touches few bids: bids in (precomputed) density order,
   * each new key priced from its own bids in price order, stopping once the seconds left are
   * given out. Only when it does not cut is the count side computed over every key.
   */
  private separatedCut(i: number, dur: number, need: number): boolean {
    const left = this.K - this.depth;
    if (left <= 0) return true;
    const room = this.D - dur;
    const stamp = ++this.stamp;
    const { keyDone, keyOf, keyStart, keyList } = this;
    const n = this.n;
    let byDuration = 0;
    let time = room;
    const order = this.densOrder;
    for (let o = 0; o < n && time > 0; o++) {
      const j = order[o] as number;
      this.work++;
      if (j < i || (this.dur[j] as number) > room) continue;
      const key = keyOf[j] as number;
      if (keyDone[key] === stamp || !this.fits(j, dur)) continue;
      keyDone[key] = stamp;
      // The key's price: its first bid (in price order) that still fits; j fits, so one does.
      let price = this.units[j] as number;
      for (let p = keyStart[key] as number, e = keyStart[key + 1] as number; p < e; p++) {
        const q = keyList[p] as number;
        this.work++;
        if (q === j) break;
        if (q < i || (this.dur[q] as number) > room || !this.fits(q, dur)) continue;
        price = this.units[q] as number;
        break;
      }
      const density = this.density[j] as number;
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
    if (Math.floor(byDuration + 1e-6) <= need) return true;
    // Count side: the best `left` key prices (a short insertion list: left ≤ K).
    const top = this.topScratch;
    let topLen = 0;
    for (let key = 0; key < this.keyCount; key++) {
      for (let p = keyStart[key] as number, e = keyStart[key + 1] as number; p < e; p++) {
        const j = keyList[p] as number;
        this.work++;
        if (j < i || (this.dur[j] as number) > room || !this.fits(j, dur)) continue;
        const price = this.units[j] as number;
        if (topLen < left || price > (top[topLen - 1] as number)) {
          let at = topLen < left ? topLen++ : topLen - 1;
          while (at > 0 && (top[at - 1] as number) < price) {
            top[at] = top[at - 1] as number;
            at--;
          }
          top[at] = price;
        }
        break;
      }
    }
    let byCount = 0;
    for (let t = 0; t < topLen; t++) byCount += top[t] as number;
    return byCount <= need;
  }

  private dfs(i: number, dur: number, units: number): void {
    this.nodes++;
    if (units > this.bestUnits) {
      this.bestUnits = units;
      this.best = Array.from(this.stack.subarray(0, this.depth));
    }
    if (i >= this.n || this.exhausted) return;
    if (this.nodes > this.maxNodes || this.work > this.maxWork) {
      this.exhausted = true;
      return;
    }
    if (units + this.bound(i, dur) <= this.bestUnits) return;
    if (this.separatedCut(i, dur, this.bestUnits - units)) return;
    if (this.fits(i, dur)) {
      this.push(i);
      this.dfs(i + 1, dur + (this.dur[i] as number), units + (this.units[i] as number));
      this.pop(i);
    }
    this.dfs(i + 1, dur, units);
  }

  private fits(j: number, dur: number): boolean {
    const d = this.dur[j] as number;
    if (dur + d > this.D || this.depth >= this.K) return false;
    const imp = this.impOf[j] as number;
    if ((this.impCount[imp] as number) >= (this.impCap[imp] as number)) return false;
    if ((this.impDur[imp] as number) + d > (this.impPodDur[imp] as number)) return false;
    const pos = this.posOf[j] as number;
    if (pos !== 0) {
      const f = this.first + (pos === 1 ? 1 : 0);
      const l = this.last + (pos === -1 ? 1 : 0);
      if (f > 1 || l > 1 || f + l + this.ends + (pos === 2 ? 1 : 0) > 2) return false;
    }
    const { domUsed, allowance, domList, catList, catUsed } = this;
    for (let p = this.domStart[j] as number, e = this.domStart[j + 1] as number; p < e; p++) {
      const id = domList[p] as number;
      const used = domUsed[id] as number;
      if ((this.sepDomain && used > 0) || used + 1 > (allowance[id] as number)) return false;
    }
    if (this.sepCat) {
      for (let p = this.catStart[j] as number, e = this.catStart[j + 1] as number; p < e; p++) if ((catUsed[catList[p] as number] as number) > 0) return false;
    }
    return true;
  }

  private push(j: number): void {
    this.stack[this.depth++] = j;
    this.step(j, 1);
  }

  private pop(j: number): void {
    this.depth--;
    this.step(j, -1);
  }

  private step(j: number, by: 1 | -1): void {
    const imp = this.impOf[j] as number;
    this.impCount[imp] = (this.impCount[imp] as number) + by;
    this.impDur[imp] = (this.impDur[imp] as number) + by * (this.dur[j] as number);
    for (let p = this.domStart[j] as number, e = this.domStart[j + 1] as number; p < e; p++) {
      const id = this.domList[p] as number;
      this.domUsed[id] = (this.domUsed[id] as number) + by;
    }
    for (let p = this.catStart[j] as number, e = this.catStart[j + 1] as number; p < e; p++) {
      const id = this.catList[p] as number;
      this.catUsed[id] = (this.catUsed[id] as number) + by;
    }
    const pos = this.posOf[j] as number;
    if (pos === 1) this.first += by;
    else if (pos === -1) this.last += by;
    else if (pos === 2) this.ends += by;
  }
}
