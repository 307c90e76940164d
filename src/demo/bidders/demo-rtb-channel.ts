import type { OpenRtbParamsInput } from '../../decisioning/sources/openrtb/params.js';
import { DEMO_BIDDERS } from './demo-bidder-profiles.js';
import { DEMO_BIDDERS_PATH_PREFIX } from './ortb-bidders-handler.js';

/** The demo channel's auction: tmax 300 ms (the slow partner answers after it). */
export const DEMO_RTB_TMAX_MS = 300;

/**
 * The `adDecision` of the demo's `demo-live-rtb` channel: an OpenRTB 2.6 dynamic pod sold
 * among the demo's loopback partners, with advertiser and category separation on.
 * `base` is the demo server's `http://host:port`.
 */
export function demoRtbAdDecision(base: string): { readonly type: 'openrtb' } & OpenRtbParamsInput {
  return {
    type: 'openrtb',
    tmaxMs: DEMO_RTB_TMAX_MS,
    separation: { adomain: true, cat: true },
    pod: { mode: 'dynamic', maxSeq: 4, minDurationSec: 0, maxDurationSec: 30, slotDurationSec: 15 },
    content: { livestream: true, title: 'Interlude demo live' },
    bidders: DEMO_BIDDERS.map((b) => ({ name: b.name, endpoint: `${base}${DEMO_BIDDERS_PATH_PREFIX}${b.name}` })),
  };
}
