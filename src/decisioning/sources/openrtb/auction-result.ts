import type { OrtbBid, OrtbBidRequest } from './ortb-types.js';

/**
 * What one auction did, for the source, the CLI and logs: every partner's outcome and every
 * bid's fate. Fates: won; lost (price, separation, frequency-cap, duration, position, floor,
 * markup — a winner whose VAST could not be used, conditioning — a winner whose MP4-only
 * creative is still being conditioned and plays once it is); invalid (dropped before the pod, with the
 * reason). A partner that did not answer in time is `late` and has no bids to judge.
 */
export type BidFate =
  | { readonly status: 'won'; readonly slot: number; readonly clearingPriceCpm: number }
  | { readonly status: 'lost'; readonly reason: 'price' | 'separation' | 'frequency-cap' | 'duration' | 'position' | 'floor' | 'markup' | 'conditioning'; readonly detail?: string }
  | { readonly status: 'invalid'; readonly reason: string };

export interface BidRecord {
  readonly bidder: string;
  readonly seat: string;
  readonly bid: OrtbBid;
  /** Whole seconds, when known. */
  readonly durSec?: number;
  fate: BidFate;
}

export type BidderStatus = 'bid' | 'no-bid' | 'late' | 'error';

export interface BidderOutcome {
  readonly name: string;
  readonly adapter: string;
  readonly status: BidderStatus;
  readonly detail?: string;
  readonly elapsedMs: number;
  readonly bids: number;
}

export interface AuctionResult {
  readonly request: OrtbBidRequest;
  readonly bidders: readonly BidderOutcome[];
  readonly bids: readonly BidRecord[];
  /** Indexes into `bids`, in play order. */
  readonly winners: readonly number[];
  /** False only when the pod search hit its node budget (best pod found so far kept). */
  readonly exact: boolean;
  readonly elapsedMs: number;
  readonly notes: readonly string[];
}

/** OpenRTB loss reason codes (List 5.x "Loss Reason Codes") for our fates. */
export function lossCodeOf(fate: BidFate, separationKind?: 'adomain' | 'cat'): number {
  switch (fate.status) {
    case 'won': return 0;
    case 'invalid': return 3;
    case 'lost':
      switch (fate.reason) {
        case 'price': return 102;
        case 'separation': return separationKind === 'cat' ? 209 : 205;
        case 'frequency-cap': return 205;
        case 'floor': return 100;
        case 'markup': return 204;
        // "Creative filtered: pending processing by exchange (e.g. transcoding)"
        case 'conditioning': return 201;
        case 'duration':
        case 'position': return 200;
      }
  }
}
