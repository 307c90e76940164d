import type { CreativeResolver } from '../conditioning/creative-resolver.js';
import type { Fetcher } from '../net/fetcher.js';
import type { AdSource } from './ad-source.js';
import type { Clock } from './deadline.js';
import type { SourceLogger } from './source-logger.js';
import type { FrequencyCapStore } from './sources/openrtb/frequency-cap.js';
import type { WinLossNotifier } from './sources/openrtb/notifier.js';

/** What every source may be built with; injected by the composition root (STYLE §13). */
export interface SourceDeps {
  readonly fetcher: Fetcher;
  readonly clock: Clock;
  /** A number in [0, 1); only for cache-busting values, never for decisions. */
  readonly random: () => number;
  readonly logger: SourceLogger;
  /**
   * Conditioning (MP4-only ads → HLS); absent when conditioning is off. Sources pass ads
   * without an HLS MediaFile through it before fitting the pod (conditioning/resolve-candidates.ts).
   */
  readonly creatives?: CreativeResolver;
  /** OpenRTB win/loss notices (the beacon queue when the app has one); default: dropped. */
  readonly notifier?: WinLossNotifier;
  /** Shared frequency-cap counts (Redis when configured); default: the process's memory store. */
  readonly frequencyCapStore?: FrequencyCapStore;
}

/**
 * Builds a source from a channel's `adDecision.params` (unknown until the source's own zod
 * schema has checked it). Returns the problems, every one, when the params are invalid, so
 * config loading can list them all at once (STYLE §11).
 */
export type AdSourceFactory = (params: unknown, deps: SourceDeps) =>
  | { readonly ok: true; readonly value: AdSource }
  | { readonly ok: false; readonly error: readonly string[] };
