/**
 * The demo's built-in demand partners: who they are and how each one bids. Data only; the
 * bid maker (demo-bid-maker.ts) turns a profile and a pod request into a BidResponse.
 *
 * They are made to show the auction's rules on the demo's own creatives (ad-red 10 s,
 * ad-blue 15 s, ad-green 5 s):
 * - two partners bid for the same advertiser (acme-motors.example), so adomain separation
 *   keeps one of them out of every pod;
 * - two advertisers share a category (IAB2, automotive), so category separation matters
 *   when the channel turns it on;
 * - prices differ per second, so the best pod is not the greedy one;
 * - one partner answers after tmax with the highest prices: it is dropped as late, and the
 *   pod shows it.
 */
export interface DemoBidProfile {
  /** Creative id in the demo catalog; the bid's duration is the creative's. */
  readonly creativeId: string;
  readonly adomain: string;
  /** IAB content categories of the ad. */
  readonly cat: readonly string[];
  /** CPM before the seeded ±15 % jitter. */
  readonly baseCpm: number;
}

export interface DemoBidder {
  /** Route `/ortb/<name>` and the channel's bidder name. */
  readonly name: string;
  /** Seed of this partner's price jitter (with the request id, so one request gets one answer). */
  readonly seed: number;
  /** How long it takes to answer. */
  readonly latencyMs: number;
  readonly seat: string;
  readonly bids: readonly DemoBidProfile[];
}

/** Past the demo channel's 300 ms tmax: this partner is always late. */
export const DEMO_SLOW_BIDDER_LATENCY_MS = 450;

export const DEMO_BIDDERS: readonly DemoBidder[] = [
  {
    name: 'acme-dsp',
    seed: 11,
    latencyMs: 15,
    seat: 'acme-seat',
    bids: [
      { creativeId: 'ad-blue', adomain: 'acme-motors.example', cat: ['IAB2'], baseCpm: 14 },
      { creativeId: 'ad-red', adomain: 'acme-motors.example', cat: ['IAB2'], baseCpm: 11 },
    ],
  },
  {
    name: 'globex-video',
    seed: 23,
    latencyMs: 40,
    seat: 'globex-seat',
    bids: [
      { creativeId: 'ad-red', adomain: 'globex-foods.example', cat: ['IAB8'], baseCpm: 12 },
      { creativeId: 'ad-green', adomain: 'globex-foods.example', cat: ['IAB8'], baseCpm: 7 },
      { creativeId: 'ad-green', adomain: 'umbrella-pharma.example', cat: ['IAB7'], baseCpm: 6 },
    ],
  },
  {
    name: 'initech-exchange',
    seed: 37,
    latencyMs: 90,
    seat: 'initech-seat',
    bids: [
      // The same advertiser as acme-dsp's bids, resold: separation keeps one of them out.
      { creativeId: 'ad-green', adomain: 'acme-motors.example', cat: ['IAB2'], baseCpm: 9 },
      // Another automotive advertiser: separated from acme only when categories separate.
      { creativeId: 'ad-blue', adomain: 'hooli-cars.example', cat: ['IAB2'], baseCpm: 13 },
      { creativeId: 'ad-red', adomain: 'stark-travel.example', cat: ['IAB20'], baseCpm: 8 },
    ],
  },
  {
    name: 'slowpoke-ssp',
    seed: 53,
    latencyMs: DEMO_SLOW_BIDDER_LATENCY_MS,
    seat: 'slowpoke-seat',
    bids: [
      { creativeId: 'ad-blue', adomain: 'wayne-energy.example', cat: ['IAB3'], baseCpm: 40 },
      { creativeId: 'ad-red', adomain: 'wayne-energy.example', cat: ['IAB3'], baseCpm: 35 },
    ],
  },
];
