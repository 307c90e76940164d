/**
 * How late auctions finish after their collection cutoff, learnt from the last ones, so the
 * next cutoff comes that much earlier and the auction still answers within its budget.
 *
 * A cutoff is a timer: on a busy event loop it fires late, and then the auction still has to
 * abort the stragglers, read what arrived, judge the bids and build the pod. Several
 * auctions started together reach their cutoffs together and queue behind each other. None
 * of that is visible to one auction, but all of it shows in the overrun of past ones
 * (finish time minus the cutoff it was given). The event loop is the process's, so one
 * tracker serves every auction of the process by default.
 *
 * The estimate is a high quantile of the last WINDOW overruns (only auctions whose cutoff
 * fired: the ones a slow partner held to the end), used once MIN_SAMPLES were seen, and
 * never more than a quarter of the budget, so partners always keep most of their time.
 */
const WINDOW = 128;
const MIN_SAMPLES = 16;
const QUANTILE = 0.98;
const RECOMPUTE_EVERY = 8;

export class CutoffLateness {
  private readonly ring = new Float64Array(WINDOW);
  private count = 0;
  private sinceRecompute = 0;
  private estimate = 0;

  /** An auction whose cutoff fired finished `overrunMs` after it. */
  record(overrunMs: number): void {
    this.ring[this.count % WINDOW] = Math.max(0, overrunMs);
    this.count++;
    if (++this.sinceRecompute >= RECOMPUTE_EVERY || this.count === MIN_SAMPLES) this.recompute();
  }

  /** Milliseconds to take off the next cutoff, within `budgetMs`. */
  extraReserveMs(budgetMs: number): number {
    if (this.count < MIN_SAMPLES) return 0;
    return Math.min(Math.ceil(this.estimate), Math.floor(budgetMs / 4));
  }

  private recompute(): void {
    this.sinceRecompute = 0;
    const n = Math.min(this.count, WINDOW);
    const sorted = this.ring.slice(0, n).sort();
    this.estimate = sorted[Math.min(n - 1, Math.floor(QUANTILE * n))] ?? 0;
  }
}

/** The process's event loop, shared by every auction that is not given its own tracker. */
export const processCutoffLateness = new CutoffLateness();
