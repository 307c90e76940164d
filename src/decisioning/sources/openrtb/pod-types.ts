import type { SlotInPod } from './ortb-types.js';
import type { Separable, SeparationRules } from './separation.js';

/** The pod problem and its answer, as pod-builder.ts and pod-search.ts share them. */
export interface PodImpSpec {
  readonly impId: string;
  /** 'slot': one ad (a structured pod's slot); 'dynamic': up to maxSeq ads within podDurSec. */
  readonly kind: 'dynamic' | 'slot';
  readonly podDurSec: number;
  /** 0: no count limit (dynamic only). */
  readonly maxSeq: number;
  readonly minDurSec: number;
  readonly maxDurSec: number;
  readonly rqddurs?: readonly number[];
  readonly slotInPod: SlotInPod;
  readonly floorCpm: number;
  readonly minCpmPerSec: number;
}

export interface PodCandidate extends Separable {
  readonly bidder: string;
  readonly bidId: string;
  readonly impId: string;
  readonly priceCpm: number;
  /** Whole seconds (the auction rounds a bid's `dur` up). */
  readonly durSec: number;
  /** The bid's own `slotinpod`, when it named one. */
  readonly position?: SlotInPod;
}

export interface PodProblem {
  readonly imps: readonly PodImpSpec[];
  readonly totalDurSec: number;
  readonly separation: SeparationRules;
  /** Ads each advertiser domain may still show this viewer (frequency cap); absent: no cap. */
  readonly domainAllowance?: ReadonlyMap<string, number>;
  readonly candidates: readonly PodCandidate[];
  /** Search budget (deterministic, so a rerun gives the same pod): nodes, and bids scanned. */
  readonly maxNodes?: number;
  readonly maxWork?: number;
}

export type LossReason = 'price' | 'separation' | 'frequency-cap' | 'duration' | 'position' | 'floor' | 'unknown-imp';

export type PodFate = { readonly status: 'won'; readonly slot: number } | { readonly status: 'lost'; readonly reason: LossReason };

export interface PodSolution {
  /** Indexes into `candidates`, in play order. */
  readonly winners: readonly number[];
  /** One per candidate, same order. */
  readonly fates: readonly PodFate[];
  readonly revenueMicros: number;
  readonly exact: boolean;
  readonly nodes: number;
}
