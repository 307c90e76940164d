/**
 * The step an ad source runs between mapping its ads and fitting the pod: candidates that
 * need conditioning ask the CreativeResolver; those that resolve get their HLS URL, the rest
 * are dropped with a note, so the pod fit fills the break with the next ready ad.
 */
import type { FitCandidate } from '../decisioning/pod-fit.js';
import type { Session } from '../sessions/session.js';
import type { CreativeResolver, ResolvableAd, SkipReason } from './creative-resolver.js';

export interface ConditionableCandidate extends FitCandidate {
  readonly conditioning?: ResolvableAd;
}

export type CandidateResolution =
  | { readonly kind: 'ready'; readonly candidate: FitCandidate }
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly note: string };

export interface SkippedCandidate<C extends ConditionableCandidate = ConditionableCandidate> {
  readonly candidate: C;
  readonly reason: SkipReason;
}

export interface ResolvedCandidates<C extends ConditionableCandidate = ConditionableCandidate> {
  readonly candidates: readonly FitCandidate[];
  readonly notes: readonly string[];
  /** The candidates left out, in order, with why (for their VAST Error URLs). */
  readonly skipped: readonly SkippedCandidate<C>[];
}

/** One candidate: as is when it needs no conditioning, else with its conditioned HLS or a skip. Never rejects. */
export async function resolveCandidate(c: ConditionableCandidate, resolver: CreativeResolver, session: Session, signal?: AbortSignal): Promise<CandidateResolution> {
  if (c.conditioning === undefined) return { kind: 'ready', candidate: c };
  const r = await resolver.resolve(c.conditioning, session, signal);
  if (r.kind === 'skip') return { kind: 'skip', reason: r.reason, note: `ad ${c.ad.adId} skipped: ${r.reason}: ${r.note}` };
  return { kind: 'ready', candidate: { ad: { ...c.ad, hlsUrl: r.url }, ...(c.podSequence === undefined ? {} : { podSequence: c.podSequence }) } };
}

/** Never rejects (the resolver does not); keeps the candidates' order. */
export async function resolveCandidates<C extends ConditionableCandidate>(
  candidates: readonly C[], resolver: CreativeResolver, session: Session, signal?: AbortSignal,
): Promise<ResolvedCandidates<C>> {
  const results = await Promise.all(candidates.map((c) => resolveCandidate(c, resolver, session, signal)));
  const ready: FitCandidate[] = [];
  const notes: string[] = [];
  const skipped: SkippedCandidate<C>[] = [];
  results.forEach((r, i) => {
    if (r.kind === 'ready') ready.push(r.candidate);
    else {
      notes.push(r.note);
      skipped.push({ candidate: candidates[i] as C, reason: r.reason });
    }
  });
  return { candidates: ready, notes, skipped };
}

/**
 * The VAST error code an ad left out by conditioning owes its Error URLs, if any: 405 when
 * its transcode failed (problem displaying the MediaFile), 403 when there is nothing we can
 * condition it into (no usable MediaFile). An ad merely waiting for its transcode owes
 * nothing: it will play in later sessions, and telling the ad server "no supported
 * MediaFile" would be false.
 */
export function conditioningErrorCode(reason: SkipReason): 403 | 405 | undefined {
  switch (reason) {
    case 'transcode_failed': return 405;
    case 'no_variant_match': return 403;
    case 'transcode_in_progress': return undefined;
  }
}
