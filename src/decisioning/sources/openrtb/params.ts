import { z } from 'zod';

/**
 * A channel's OpenRTB settings: `adDecision` minus its `type` when the type is 'openrtb'.
 * Money is CPM in `currency`; times carry their unit in the name (STYLE §11).
 *
 * Which bidder adapter a bidder uses is `adapter` (a key of bidders/registry.ts, 'generic'
 * when omitted); `name` is the instance's own label (two instances of one adapter may
 * point at two endpoints), unique per channel, and it is the tie-break after price and
 * duration in pod building.
 */
const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _ (at most 63)');

const httpUrl = z.string().max(2_048).refine((u) => {
  try {
    const url = new URL(u);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, { message: 'must be an http(s) URL without credentials' });

export const bidderConfigSchema = z.object({
  name: slug,
  adapter: slug.default('generic'),
  endpoint: httpUrl,
  /** This bidder's own budget; never more than the auction's `tmaxMs`. */
  tmaxMs: z.number().int().min(10).max(5_000).optional(),
  /** Adapter-specific; checked by the adapter's own schema when the source is built. */
  params: z.record(z.string(), z.unknown()).default({}),
}).strict();

const publisherContext = z.object({
  id: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
  bundle: z.string().max(256).optional(),
  domain: z.string().max(256).optional(),
  page: z.string().max(2_048).optional(),
  storeurl: z.string().max(2_048).optional(),
  publisherId: z.string().max(256).optional(),
}).strict();

export const podConfigSchema = z.object({
  /** OpenRTB 2.6 §7.6: one dynamic imp, one imp per slot, or first/last slots plus a dynamic rest. */
  mode: z.enum(['dynamic', 'structured', 'hybrid']).default('dynamic'),
  /** Most ads in a pod; 0 means only the duration limits it. */
  maxSeq: z.number().int().min(0).max(30).default(6),
  /** Exact creative durations accepted (seconds); when set, min/max durations are not sent. */
  rqddurs: z.array(z.number().int().min(1).max(600)).max(20).optional(),
  minDurationSec: z.number().int().min(0).max(600).default(0),
  maxDurationSec: z.number().int().min(1).max(600).default(60),
  /** Slot length for structured (and the first/last slots of hybrid) pods. */
  slotDurationSec: z.number().int().min(1).max(600).default(30),
  /** Structured slots in a structured pod; derived from the break when omitted. */
  structuredSlots: z.number().int().min(1).max(30).optional(),
}).strict().refine((p) => p.minDurationSec <= p.maxDurationSec, { message: 'minDurationSec must not exceed maxDurationSec', path: ['minDurationSec'] });

export const openRtbParamsSchema = z.object({
  tmaxMs: z.number().int().min(20).max(5_000).default(300),
  /** Subtracted from each bidder's budget in the `tmax` we send: the round trip's share. */
  networkAllowanceMs: z.number().int().min(0).max(1_000).default(30),
  /** Kept back from the auction's budget for pod building and answering in time. */
  finishReserveMs: z.number().int().min(1).max(1_000).default(10),
  /** Budget for fetching markup from `nurl`, resolving VAST wrappers and asking conditioning about MP4-only winners after the auction. */
  markupTimeoutMs: z.number().int().min(10).max(5_000).default(400),
  bidders: z.array(bidderConfigSchema).min(1).max(64)
    .refine((bs) => new Set(bs.map((b) => b.name)).size === bs.length, { message: 'bidder names must be unique' }),
  floorCpm: z.number().min(0).max(10_000).default(0),
  minCpmPerSec: z.number().min(0).max(1_000).optional(),
  /** Bids above this are dropped as invalid (a decimal-point slip, or worse). */
  maxPriceCpm: z.number().positive().max(100_000).default(1_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. USD').default('USD'),
  separation: z.object({ adomain: z.boolean().default(true), cat: z.boolean().default(false) }).strict().default({ adomain: true, cat: false }),
  priceRule: z.enum(['first', 'second']).default('first'),
  pod: podConfigSchema.default({ mode: 'dynamic', maxSeq: 6, minDurationSec: 0, maxDurationSec: 60, slotDurationSec: 30 }),
  mimes: z.array(z.enum(['video/mp4', 'application/x-mpegURL'])).min(1).default(['video/mp4', 'application/x-mpegURL']),
  /** VAST 2, 3, 4 and their wrappers (List 5.x "Creative Subtypes - Audio/Video"). */
  protocols: z.array(z.number().int().min(1).max(12)).min(1).default([2, 3, 5, 6, 7, 8]),
  app: publisherContext.optional(),
  site: publisherContext.optional(),
  content: z.object({
    id: z.string().max(256).optional(),
    title: z.string().max(512).optional(),
    genre: z.string().max(256).optional(),
    livestream: z.boolean().optional(),
    lenSec: z.number().int().min(0).optional(),
  }).strict().optional(),
  frequencyCap: z.object({
    maxImpressions: z.number().int().min(1).max(1_000),
    windowSec: z.number().int().min(1).max(30 * 24 * 3_600),
  }).strict().optional(),
  maxResponseBytes: z.number().int().min(1_024).max(10 * 1024 * 1024).default(256 * 1024),
  maxWrapperDepth: z.number().int().min(0).max(10).default(5),
  defaultAvailDurationMs: z.number().int().min(1_000).max(600_000).default(60_000),
}).strict()
  .refine((p) => !(p.app !== undefined && p.site !== undefined), { message: 'give app or site, not both', path: ['site'] })
  .refine((p) => p.bidders.every((b) => b.tmaxMs === undefined || b.tmaxMs <= p.tmaxMs), { message: 'a bidder tmaxMs exceeds the auction tmaxMs', path: ['bidders'] })
  .refine((p) => p.finishReserveMs + p.networkAllowanceMs < p.tmaxMs, { message: 'finishReserveMs + networkAllowanceMs must leave bidders some time', path: ['tmaxMs'] });

export type OpenRtbParams = z.infer<typeof openRtbParamsSchema>;
export type OpenRtbParamsInput = z.input<typeof openRtbParamsSchema>;
export type BidderConfig = z.infer<typeof bidderConfigSchema>;
export type PodConfig = z.infer<typeof podConfigSchema>;
