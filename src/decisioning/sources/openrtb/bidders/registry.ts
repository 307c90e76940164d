import type { Bidder } from './bidder.js';
import { genericBidder } from './generic/generic-bidder.js';
import { legacyPodBidder } from './legacy-pod/legacy-pod-bidder.js';

/** Every bidder adapter a channel's `bidders[].adapter` may name. One line each. */
export const bidderAdapters: Readonly<Record<string, Bidder>> = {
  generic: genericBidder,
  'legacy-pod': legacyPodBidder,
};
