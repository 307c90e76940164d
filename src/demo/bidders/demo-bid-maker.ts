import type { OrtbBid, OrtbBidRequest, OrtbBidResponse, OrtbImp } from '../../decisioning/sources/openrtb/ortb-types.js';
import type { DemoCreative } from '../ad-server/pod-selection.js';
import { buildVastPod, type DemoBeaconEvent, type VastMediaFile } from '../ad-server/vast-document.js';
import type { DemoBidder, DemoBidProfile } from './demo-bidder-profiles.js';

/**
 * One demo partner's answer to one OpenRTB 2.6 pod request. Pure and seeded: the same
 * partner and request (by id) always get the same bids, so an auction over the demo
 * partners can be replayed; a new request id gives new prices (±15 % around each profile's
 * base CPM).
 *
 * Per video imp the partner bids every profile whose creative's duration the imp accepts
 * (`rqddurs`, else `minduration`..`maxduration`, never past `poddur`): several bids per
 * dynamic pod, as OpenRTB 2.6 allows, and the auction builds the pod. Each bid carries `dur`,
 * `adomain`, `cat`, an inline VAST 4 `adm` whose MediaFile is the creative's HLS
 * multivariant (so a winner plays), and `nurl`/`burl`/`lurl` on the demo beacon sink with
 * the spec's `${AUCTION_*}` macros left for the exchange to fill. Undefined means no bid.
 */
export interface DemoBidContext {
  /** `http://host:port`, no trailing slash. */
  readonly baseUrl: string;
  /** The demo's HLS creatives by id; profiles whose creative is missing do not bid. */
  readonly creatives: ReadonlyMap<string, { readonly creative: DemoCreative; readonly mediaFile: VastMediaFile }>;
}

export function makeDemoBids(bidder: DemoBidder, request: OrtbBidRequest, ctx: DemoBidContext): OrtbBidResponse | undefined {
  const bids: OrtbBid[] = [];
  for (const imp of request.imp) {
    bidder.bids.forEach((profile, k) => {
      const found = ctx.creatives.get(profile.creativeId);
      if (found === undefined || !accepts(imp, found.creative.durationSec)) return;
      bids.push(bidFor(bidder, request, imp, profile, k, found, ctx.baseUrl));
    });
  }
  if (bids.length === 0) return undefined;
  return { id: request.id, cur: 'USD', seatbid: [{ seat: bidder.seat, bid: bids }] };
}

function accepts(imp: OrtbImp, durSec: number): boolean {
  const v = imp.video;
  if (v.poddur !== undefined && durSec > v.poddur) return false;
  if (v.rqddurs !== undefined) return v.rqddurs.includes(durSec);
  return durSec >= (v.minduration ?? 0) && durSec <= (v.maxduration ?? Infinity);
}

function bidFor(
  bidder: DemoBidder,
  request: OrtbBidRequest,
  imp: OrtbImp,
  profile: DemoBidProfile,
  k: number,
  found: { readonly creative: DemoCreative; readonly mediaFile: VastMediaFile },
  base: string,
): OrtbBid {
  const bidId = `${bidder.name}-${imp.id}-${k + 1}`;
  const jitter = 0.85 + 0.3 * seededUnit(`${bidder.seed}|${request.id}|${imp.id}|${k}`);
  const price = Math.round(profile.baseCpm * jitter * 100) / 100;
  const creative = found.creative;
  const sink = (event: string) => `${base}/beacon?${new URLSearchParams({ e: event, ad: creative.id, sid: request.id, pos: '0', bidder: bidder.name, bid: bidId }).toString()}`;
  const adm = buildVastPod({
    ads: [{ creative, mediaFile: found.mediaFile }],
    servingId: `${bidder.name}-${request.id}`,
    beaconUrl: (event: DemoBeaconEvent, ad: DemoCreative, seq: number) => `${base}/beacon?${new URLSearchParams({ e: event, ad: ad.id, sid: request.id, pos: String(seq), bidder: bidder.name }).toString()}${event === 'error' ? '&code=[ERRORCODE]' : ''}`,
  });
  return {
    id: bidId,
    impid: imp.id,
    price,
    adid: `${bidder.name}-${creative.id}`,
    crid: `${creative.id}-${profile.adomain}`,
    adomain: [profile.adomain],
    cat: [...profile.cat],
    dur: creative.durationSec,
    mtype: 2,
    adm,
    // The macros must stay literal: the exchange substitutes them (OpenRTB 2.6 §4.4).
    nurl: `${sink('win')}&price=\${AUCTION_PRICE}`,
    burl: `${sink('billing')}&price=\${AUCTION_PRICE}`,
    lurl: `${sink('loss')}&code=\${AUCTION_LOSS}`,
  };
}

/** A number in [0, 1) from a string: FNV-1a, then one mulberry32 step. */
export function seededUnit(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let t = (h + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
