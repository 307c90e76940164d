/**
 * The step an ad source runs between mapping its ads and fitting the pod: candidates that
 * need conditioning ask the CreativeResolver; those that resolve get their HLS URL, the rest
 * are dropped with a note, so the pod fit fills the break with the next ready ad.
 */
import type { FitCandidate } from '../decisioning/pod-fit.js';
import type { Session } from '../sessions/session.js';
import type { CreativeResolver, ResolvableAd } from './creative-resolver.js';

export interface ConditionableCandidate extends FitCandidate {
  readonly conditioning?: ResolvableAd;
}

export interface ResolvedCandidates {
  readonly candidates: readonly FitCandidate[];
  readonly notes: readonly string[];
}

/** Never rejects (the resolver does not); keeps the candidates' order. */
export async function resolveCandidates(
  candidates: readonly ConditionableCandidate[], resolver: CreativeResolver, session: Session, signal?: AbortSignal,
): Promise<ResolvedCandidates> {
  const notes: string[] = [];
  const resolved = await Promise.all(candidates.map(async (c): Promise<FitCandidate | undefined> => {
    if (c.conditioning === undefined) return c;
    const r = await resolver.resolve(c.conditioning, session, signal);
    if (r.kind === 'skip') {
      notes.push(`ad ${c.ad.adId} skipped: ${r.reason}: ${r.note}`);
      return undefined;
    }
    return { ad: { ...c.ad, hlsUrl: r.url }, ...(c.podSequence === undefined ? {} : { podSequence: c.podSequence }) };
  }));
  return { candidates: resolved.filter((c): c is FitCandidate => c !== undefined), notes };
}
