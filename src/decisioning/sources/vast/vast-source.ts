import { emptyPod, type Break, type DroppedAd, type Pod } from '../../../../manifests/index.js';
import { DEFAULT_VAST_FETCH_POLICY, type FetchPolicy } from '../../../net/fetch-policy.js';
import { conditioningErrorCode, resolveCandidates, type SkippedCandidate } from '../../../conditioning/resolve-candidates.js';
import { redactUrl } from '../../../net/url-guard.js';
import type { Session } from '../../../sessions/session.js';
import type { AdSource, AvailContext, Deadline } from '../../ad-source.js';
import { createDeadline } from '../../deadline.js';
import { availDurationMs, fillUrlTemplate } from '../../macros.js';
import { fitPod } from '../../pod-fit.js';
import type { AdSourceFactory, SourceDeps } from '../../source-factory.js';
import { mapVastAds, type MappedCandidate } from './vast-ads.js';
import { loadVastDocument, VastLoadError, type VastLoadContext } from './vast-loader.js';
import type { VastAd } from './vast-model.js';
import { resolveVastChain } from './vast-chain.js';
import { vastParamsSchema, type VastParams } from './params.js';

const SOURCE = 'vast';

/**
 * Asks a VAST ad server for a pod: fills the URL template, fetches the document and every
 * wrapper hop through our fetcher under one deadline, lets @dailymotion/vast-client parse
 * and merge the wrapper chain, then keeps the playable ads that fit the break.
 *
 * Never rejects for anything the ad server does: timeouts, 5xx, hostile or broken XML and
 * empty responses all give an empty pod whose notes say why (also logged at warn).
 */
export class VastSource implements AdSource {
  readonly name = SOURCE;

  constructor(
    private readonly params: VastParams,
    private readonly deps: SourceDeps,
    private readonly policy: FetchPolicy = DEFAULT_VAST_FETCH_POLICY,
  ) {}

  async decide(brk: Break, session: Session, avail: AvailContext, deadline: Deadline): Promise<Pod> {
    // Our own budget, cut short by the caller's: whichever comes first ends the decision.
    const own = createDeadline(Math.min(this.params.timeoutMs, deadline.remainingMs()), this.deps.clock, deadline.signal);
    const started = this.deps.clock.nowMs();
    let pod: Pod;
    try {
      pod = await this.decideWithin(brk, session, avail, own.signal);
    } catch (e) {
      // Only a bug gets here (the steps below turn ad-server faults into notes).
      pod = emptyPod(brk.id, SOURCE, [`VAST source error: ${e instanceof Error ? e.message : String(e)}`]);
    } finally {
      own.dispose();
    }
    if (pod.ads.length === 0 || pod.notes.length > 0) {
      this.deps.logger.warn(
        { sessionId: session.id, breakId: brk.id, source: SOURCE, ads: pod.ads.length, notes: pod.notes, elapsedMs: this.deps.clock.nowMs() - started },
        pod.ads.length === 0 ? 'VAST source returned an empty pod' : 'VAST source skipped ads',
      );
    }
    return pod;
  }

  private async decideWithin(brk: Break, session: Session, avail: AvailContext, signal: AbortSignal): Promise<Pod> {
    const { params, deps } = this;
    const url = fillUrlTemplate(params.url, { brk, session, avail, defaultAvailDurationMs: params.defaultAvailDurationMs, nowMs: deps.clock.nowMs(), random: deps.random });
    const load: VastLoadContext = {
      fetcher: deps.fetcher,
      policy: { ...this.policy, maxBytes: Math.min(this.policy.maxBytes, params.maxDocumentBytes) },
      signal,
      headers: viewerHeaders(session),
      maxDocumentBytes: params.maxDocumentBytes,
    };
    const empty = (note: string) => emptyPod(brk.id, SOURCE, [note]);
    const deadlineNote = () => `deadline passed (${params.timeoutMs} ms budget) while asking ${redactUrl(url)}`;

    let root;
    try {
      root = await loadVastDocument(url, load);
    } catch (e) {
      if (signal.aborted) return empty(deadlineNote());
      return empty(e instanceof VastLoadError ? `VAST request failed: ${e.message}` : `VAST request failed: ${String(e)}`);
    }

    let ads: readonly VastAd[];
    try {
      ads = await resolveVastChain(root.document, root.url, load, params.maxWrapperDepth);
    } catch (e) {
      if (signal.aborted) return empty(deadlineNote());
      return empty(`VAST document rejected by the parser: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (signal.aborted) return empty(deadlineNote());
    if (ads.length === 0) return empty('VAST response has no ads (empty VAST)');

    const mapped = mapVastAds(ads, params.maxWrapperDepth, { conditionable: deps.creatives !== undefined });
    // MP4-only ads: the HLS of their conditioned copy when ready, else skipped (a job is queued)
    const ready = deps.creatives === undefined ? { candidates: mapped.candidates, notes: [], skipped: [] } : await resolveCandidates(mapped.candidates, deps.creatives, session, signal);
    const breakUs = availDurationMs(brk, params.defaultAvailDurationMs) * 1000;
    const fit = fitPod(ready.candidates, breakUs);
    const dropped = [...mapped.dropped, ...unconditioned(ready.skipped)];
    return {
      breakId: brk.id, source: SOURCE, ads: fit.ads, filledUs: fit.filledUs, notes: [...mapped.notes, ...ready.notes, ...fit.notes],
      ...(dropped.length === 0 ? {} : { dropped }),
    };
  }
}

/**
 * Ads conditioning left out that owe their Error URLs a code (conditioningErrorCode): a
 * failed or impossible conditioning does; one still being conditioned does not.
 */
function unconditioned(skipped: readonly SkippedCandidate<MappedCandidate>[]): DroppedAd[] {
  const out: DroppedAd[] = [];
  for (const { candidate, reason } of skipped) {
    const code = conditioningErrorCode(reason);
    const errorUrls = candidate.ad.tracking.error ?? [];
    if (code !== undefined && errorUrls.length > 0) out.push({ adId: candidate.ad.adId, errorUrls, code });
  }
  return out;
}

/** The viewer's identity on the ad request, as the IAB asks for server-side requests. */
function viewerHeaders(session: Session): Record<string, string> {
  return {
    'user-agent': session.userAgent,
    'x-forwarded-for': session.clientIp,
    'x-device-ip': session.clientIp,
    'x-device-user-agent': session.userAgent,
    ...(session.referer ? { referer: session.referer } : {}),
  };
}

/** Registry entry: validates `adDecision.params`, listing every problem. */
export const createVastSourceFromParams: AdSourceFactory = (raw, deps) => {
  const parsed = vastParamsSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(params)'}: ${i.message}`) };
  }
  return { ok: true, value: new VastSource(parsed.data, deps) };
};
