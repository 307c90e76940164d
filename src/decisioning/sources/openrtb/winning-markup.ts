import type { PodAd } from '../../../../manifests/index.js';
import type { Fetcher } from '../../../net/fetcher.js';
import { isFetchError } from '../../../net/fetch-error.js';
import type { FetchPolicy } from '../../../net/fetch-policy.js';
import { redactUrl } from '../../../net/url-guard.js';
import type { ResolvableAd } from '../../../conditioning/creative-resolver.js';
import { resolveVastChain } from '../vast/vast-chain.js';
import { parseVastText, VastLoadError, type VastLoadContext } from '../vast/vast-loader.js';
import { mapVastAds } from '../vast/vast-ads.js';

/**
 * Turns a winning bid's markup into one pod ad through the VAST source's own path (safe XML
 * check, xmldom, VASTParser with wrappers fetched by our loader, the same mapping): the
 * `adm` when the bid carried one, else the document its `nurl` answers with. Never rejects:
 * an unusable winner is a reason string, and the source drops it from the pod.
 */
export interface MarkupInput {
  /** Macros already filled. */
  readonly adm?: string;
  readonly nurl?: string;
  /** Base for relative wrapper URLs in inline markup (the partner's endpoint). */
  readonly baseUrl: string;
  readonly burl?: string;
  readonly declaredDurSec: number;
}

export interface MarkupContext {
  readonly fetcher: Fetcher;
  readonly policy: FetchPolicy;
  readonly signal: AbortSignal;
  readonly headers: Readonly<Record<string, string>>;
  readonly maxDocumentBytes: number;
  readonly maxWrapperDepth: number;
  /** A CreativeResolver will condition MP4-only creatives (else they are unusable markup). */
  readonly conditionable?: boolean;
}

export type MarkupResult =
  | {
    readonly ok: true;
    /** `hlsUrl` is empty when `conditioning` is set: resolve the creative before it may play. */
    readonly ad: Omit<PodAd, 'id' | 'sequence'>;
    readonly conditioning?: ResolvableAd;
    readonly notes: readonly string[];
  }
  | { readonly ok: false; readonly reason: string; readonly fetchedNurl: boolean };

/** A creative may run up to this much past its declared `dur` (rounding in VAST durations). */
const DURATION_SLACK_SEC = 0.5;

export async function markupToAd(input: MarkupInput, ctx: MarkupContext): Promise<MarkupResult> {
  const load: VastLoadContext = { fetcher: ctx.fetcher, policy: ctx.policy, signal: ctx.signal, headers: ctx.headers, maxDocumentBytes: ctx.maxDocumentBytes };
  let text = input.adm;
  let base = input.baseUrl;
  const fetchedNurl = (text === undefined || text.trim() === '') && input.nurl !== undefined;
  if (text === undefined || text.trim() === '') {
    if (input.nurl === undefined) return { ok: false, reason: 'no markup', fetchedNurl: false };
    try {
      const res = await ctx.fetcher.fetchText(input.nurl, { policy: ctx.policy, signal: ctx.signal, headers: ctx.headers, kind: 'vast' });
      text = res.body;
      base = res.url;
    } catch (e) {
      const why = isFetchError(e) ? `${e.code}: ${e.message}` : String(e);
      return { ok: false, reason: `markup from nurl ${redactUrl(input.nurl)} failed (${why})`, fetchedNurl: true };
    }
  }
  try {
    const doc = parseVastText(text, ctx.maxDocumentBytes, 'adm');
    const ads = await resolveVastChain(doc, base, load, ctx.maxWrapperDepth);
    const mapped = mapVastAds(ads, ctx.maxWrapperDepth, { conditionable: ctx.conditionable === true });
    const first = mapped.candidates[0];
    if (first === undefined) return { ok: false, reason: mapped.notes[0] ?? 'VAST markup has no ads', fetchedNurl };
    if (first.ad.durationUs > (input.declaredDurSec + DURATION_SLACK_SEC) * 1_000_000) {
      return { ok: false, reason: `creative runs ${first.ad.durationUs / 1e6} s, longer than the ${input.declaredDurSec} s bid`, fetchedNurl };
    }
    const notes = [...mapped.notes, ...(mapped.candidates.length > 1 ? [`markup held ${mapped.candidates.length} playable ads; the first was used`] : [])];
    const tracking: Record<string, readonly string[]> = { ...first.ad.tracking };
    // Fired with the impression by the beacon layer: billing is owed when the ad plays.
    if (input.burl !== undefined && input.burl !== '') tracking.billing = [input.burl];
    return { ok: true, ad: { ...first.ad, tracking }, ...(first.conditioning === undefined ? {} : { conditioning: first.conditioning }), notes };
  } catch (e) {
    const why = e instanceof VastLoadError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
    return { ok: false, reason: `markup rejected: ${why}`, fetchedNurl };
  }
}
