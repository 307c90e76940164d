/**
 * What decisioning asks conditioning: "this ad, for this session: which HLS multivariant
 * plays it, if any, right now?" Injected into ad sources (`SourceDeps.creatives`); the
 * conditioning service (conditioning-service.ts) implements it.
 *
 * Guarantees of every implementation:
 * - `resolve` never rejects and never waits on a transcode: it answers from the queue's
 *   state (one or two store round trips) and, on a first sight, enqueues the job and answers
 *   `transcode_in_progress`. The caller's `signal` (the decision deadline) bounds it; an
 *   answer that would come too late is `transcode_in_progress` too.
 * - An ad with a streaming HLS MediaFile resolves to that URL without touching the queue.
 * - Skips carry a reason from `SKIP_REASONS` (counted in `ads_skipped_total{reason}`) and a
 *   note for the pod's `notes`.
 */
import type { Session } from '../sessions/session.js';
import type { CreativeMediaFile } from '../../transcode/index.js';

export const SKIP_REASONS = ['transcode_in_progress', 'transcode_failed', 'no_variant_match'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface ResolvableAd {
  /** The source's ad id, for notes and logs. */
  readonly adId: string;
  /** `registry:value` when the creative has a UniversalAdId; else the job identity is the media URL. */
  readonly universalAdId?: string;
  /** Every MediaFile (and Mezzanine) of the Linear creative, streaming ones included. */
  readonly mediaFiles: readonly CreativeMediaFile[];
}

export type Resolution =
  | { readonly kind: 'hls'; readonly url: string; readonly conditioned: boolean }
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly note: string };

export interface CreativeResolver {
  resolve(ad: ResolvableAd, session: Session, signal?: AbortSignal): Promise<Resolution>;
}
