import type { OrtbBid, OrtbBidRequest } from './ortb-types.js';
import type { PodImpSpec } from './pod-builder.js';

/**
 * Per-bid validity, decided by the auction (not by adapters). A bid failing any check is
 * dropped with the reason; the rest of its response is kept. Pure.
 */
export interface BidCheckContext {
  readonly impIds: ReadonlySet<string>;
  readonly currency: string;
  readonly responseCurrency: string;
  readonly maxPriceCpm: number;
  readonly requireAdomain: boolean;
  /** `bidder/bidId` keys seen so far in this auction. */
  readonly seen: Set<string>;
}

export function bidProblem(bidder: string, bid: OrtbBid, ctx: BidCheckContext): string | undefined {
  if (ctx.responseCurrency.toUpperCase() !== ctx.currency) return `currency ${ctx.responseCurrency} is not ${ctx.currency}`;
  const key = `${bidder}/${bid.id}`;
  if (ctx.seen.has(key)) return `duplicate bid id ${JSON.stringify(bid.id)}`;
  ctx.seen.add(key);
  if (!ctx.impIds.has(bid.impid)) return `bid for unknown imp ${JSON.stringify(bid.impid)}`;
  if (!(bid.price > 0)) return `price ${bid.price} is not positive`;
  if (bid.price > ctx.maxPriceCpm) return `price ${bid.price} is above the maximum ${ctx.maxPriceCpm}`;
  if (bid.mtype !== undefined && bid.mtype !== 2) return `mtype ${bid.mtype} is not video`;
  if ((bid.adm === undefined || bid.adm.trim() === '') && (bid.nurl === undefined || bid.nurl === '')) return 'no markup: neither adm nor nurl';
  if (ctx.requireAdomain && (bid.adomain === undefined || bid.adomain.every((d) => d.trim() === ''))) return 'no adomain (required for competitive separation)';
  if (bidDurationSec(bid) === undefined) return 'no duration: neither dur nor a VAST <Duration> in adm';
  return undefined;
}

/**
 * Whole seconds the ad runs: `dur` (2.6), else the first `<Duration>` in inline VAST markup,
 * rounded up (a 15.02 s creative needs 16 s of pod). Undefined when neither says.
 */
export function bidDurationSec(bid: OrtbBid): number | undefined {
  const seconds = typeof bid.dur === 'number' && bid.dur > 0 ? bid.dur : vastDurationSec(bid.adm);
  return seconds === undefined ? undefined : Math.ceil(seconds - 1e-3);
}

const DURATION = /<Duration>\s*(\d{1,2}):(\d{2}):(\d{2}(?:\.\d{1,3})?)\s*<\/Duration>/i;

function vastDurationSec(adm: string | undefined): number | undefined {
  if (adm === undefined) return undefined;
  const m = DURATION.exec(adm.slice(0, 200_000));
  if (m === null) return undefined;
  const s = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  return s > 0 ? s : undefined;
}

/** The pod rules of each imp, read back from the request we sent. */
export function impSpecsOf(request: OrtbBidRequest): PodImpSpec[] {
  return request.imp.map((imp) => {
    const v = imp.video;
    const dynamic = v.poddur !== undefined;
    const podDurSec = v.poddur ?? v.maxduration ?? Math.max(...(v.rqddurs ?? [0]));
    return {
      impId: imp.id,
      kind: dynamic ? 'dynamic' : 'slot',
      podDurSec,
      maxSeq: dynamic ? v.maxseq ?? 0 : 1,
      minDurSec: v.minduration ?? 0,
      maxDurSec: v.maxduration ?? podDurSec,
      ...(v.rqddurs !== undefined ? { rqddurs: v.rqddurs } : {}),
      slotInPod: v.slotinpod ?? 0,
      floorCpm: imp.bidfloor ?? 0,
      minCpmPerSec: v.mincpmpersec ?? 0,
    };
  });
}
