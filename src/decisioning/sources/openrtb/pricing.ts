import { toMicros, type PodCandidate, type PodFate, type PodImpSpec } from './pod-builder.js';

/**
 * What each winner pays. First price: its bid. Second price: the highest losing eligible bid
 * at or below its own, plus 0.01, never below the winner's floor (imp floor, and
 * `mincpmpersec` × duration) + 0.01 and never above its bid. "Eligible" means the bid could
 * have been in the pod on its own (it lost on price, separation or capping, not on a rule
 * like duration or floor). Pods have no single second bid, so this is the usual exchange
 * convention; it is deterministic and never charges a winner more than it bid.
 */
export type PriceRule = 'first' | 'second';

export function clearingPrices(
  rule: PriceRule,
  candidates: readonly PodCandidate[],
  fates: readonly PodFate[],
  winners: readonly number[],
  imps: ReadonlyMap<string, PodImpSpec>,
): Map<number, number> {
  const out = new Map<number, number>();
  const competing = candidates
    .filter((_c, i) => {
      const f = fates[i];
      return f !== undefined && f.status === 'lost' && (f.reason === 'price' || f.reason === 'separation' || f.reason === 'frequency-cap');
    })
    .map((c) => toMicros(c.priceCpm));
  for (const w of winners) {
    const c = candidates[w];
    if (c === undefined) continue;
    if (rule === 'first') {
      out.set(w, c.priceCpm);
      continue;
    }
    const own = toMicros(c.priceCpm);
    const imp = imps.get(c.impId);
    const floor = Math.max(toMicros(imp?.floorCpm ?? 0), toMicros((imp?.minCpmPerSec ?? 0) * c.durSec));
    const next = competing.reduce((m, p) => (p <= own && p > m ? p : m), 0);
    const clear = Math.min(own, Math.max(floor, next) + 10_000);
    out.set(w, clear / 1_000_000);
  }
  return out;
}
