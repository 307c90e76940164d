import type { z } from 'zod';
import type { OrtbBid, OrtbBidRequest } from '../ortb-types.js';
import type { BidderConfig } from '../params.js';

/**
 * One demand partner's dialect (Prebid Server's `adapters.Bidder`, in two steps):
 *
 * - `makeRequests(podRequest, bidder)` turns the break's one OpenRTB 2.6 BidRequest into the
 *   HTTP calls this partner wants (usually one POST). Pure: no I/O, no clock. An empty list
 *   means "nothing to ask this partner" (never an error).
 * - `makeBids(request, response)` reads one HTTP answer into bids whose `impid` is an imp
 *   id of the pod request (an adapter that renamed imps maps them back here). Pure. It never
 *   throws: a 204 is `{ bids: [], errors: [] }`; a 5xx, a body that is not a BidResponse or a
 *   malformed bid is a message in `errors` (the auction records it as the partner's fate).
 *
 * Price, currency, imp, duplicate and size checks are the auction's, not the adapter's: an
 * adapter reports what the partner said, the auction decides what is valid.
 */
export interface RequestData {
  readonly method: 'POST';
  readonly uri: string;
  /** JSON text. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ResponseData {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface BidderBid {
  readonly bid: OrtbBid;
  /** The seat that bid (seatbid.seat), '' when the partner did not say. */
  readonly seat: string;
}

export interface BidderBids {
  readonly bids: readonly BidderBid[];
  readonly errors: readonly string[];
  /** BidResponse `cur`; OpenRTB's default is USD. */
  readonly currency: string;
}

/** A bidder config whose `params` passed the adapter's own schema. */
export interface ResolvedBidder extends BidderConfig {
  readonly params: Readonly<Record<string, unknown>>;
}

export interface Bidder {
  /** The adapter's name as bidders/registry.ts lists it. */
  readonly name: string;
  /** Checks `bidders[].params` (STYLE §3); its output is what `makeRequests` reads. */
  readonly paramsSchema: z.ZodType<Record<string, unknown>>;
  makeRequests(podRequest: OrtbBidRequest, bidder: ResolvedBidder): readonly RequestData[];
  makeBids(request: RequestData, response: ResponseData): BidderBids;
}
