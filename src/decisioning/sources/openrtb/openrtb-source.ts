import { emptyPod, type Break, type DroppedAd, type Pod, type PodAd } from '../../../../manifests/index.js';
import { conditioningErrorCode, resolveCandidate } from '../../../conditioning/resolve-candidates.js';
import { DEFAULT_VAST_FETCH_POLICY } from '../../../net/fetch-policy.js';
import type { Session } from '../../../sessions/session.js';
import type { AdSource, AvailContext, Deadline } from '../../ad-source.js';
import { createDeadline } from '../../deadline.js';
import { availDurationMs } from '../../macros.js';
import type { AdSourceFactory, SourceDeps } from '../../source-factory.js';
import { runAuction } from './auction.js';
import { lossCodeOf, type AuctionResult, type BidRecord } from './auction-result.js';
import type { ResolvedBidder } from './bidders/bidder.js';
import { bidderAdapters } from './bidders/registry.js';
import { MemoryFrequencyCapStore, viewerIdOf, type FrequencyCapStore } from './frequency-cap.js';
import { noopNotifier, type WinLossNotifier } from './notifier.js';
import { fillAuctionMacros, type AuctionMacroValues } from './ortb-macros.js';
import { openRtbParamsSchema, type OpenRtbParams } from './params.js';
import { buildBidRequest } from './request-builder.js';
import { normalizeDomains } from './separation.js';
import { createUndiciBidTransport, type BidTransport } from './transport.js';
import { markupToAd, type MarkupResult } from './winning-markup.js';

const SOURCE = 'openrtb';

// A source may be built per decision (manifest-service builds one from the channel each
// time), so what must outlive one decision is the process's: warm partner connections, and
// what each viewer has seen (a cap kept per source instance would forget it every break).
let sharedTransport: BidTransport | undefined;
let sharedCapStore: FrequencyCapStore | undefined;

/** The keep-alive transport every source without its own uses (created on first use). */
export function sharedBidTransport(): BidTransport {
  return (sharedTransport ??= createUndiciBidTransport());
}

function sharedFrequencyCapStore(): FrequencyCapStore {
  return (sharedCapStore ??= new MemoryFrequencyCapStore());
}

/** What the composition root may add to the common source deps; each has a default. */
export interface OpenRtbSourceDeps extends SourceDeps {
  /** Defaults to the process's shared keep-alive undici transport (sharedBidTransport). */
  readonly transport?: BidTransport;
  /** Defaults to dropping notices; the lead connects the beacon queue. */
  readonly notifier?: WinLossNotifier;
  /** Defaults to the process's in-memory store when the channel configures a frequency cap. */
  readonly frequencyCapStore?: FrequencyCapStore;
}

export interface OpenRtbDecision {
  readonly pod: Pod;
  readonly auction: AuctionResult;
}

/**
 * The embedded OpenRTB 2.6 bidding core as an ad source: one pod request per break, fanned
 * out to the channel's partners under `tmax`, the pod built for revenue under the break's
 * rules, winners' VAST turned into pod ads (MP4-only creatives through conditioning, as the
 * VAST source does), win/loss notices handed to the notifier.
 *
 * Never rejects for a partner fault: every failure is a bid fate, a note, and at worst an
 * empty pod. The auction ends by its budget; markup (nurl fetch, VAST wrappers) has its own
 * `markupTimeoutMs`, both inside the caller's deadline.
 */
export class OpenRtbSource implements AdSource {
  readonly name = SOURCE;
  private readonly transport: BidTransport;
  private readonly notifier: WinLossNotifier;
  private readonly capStore: FrequencyCapStore | undefined;

  constructor(private readonly params: OpenRtbParams, private readonly bidders: readonly ResolvedBidder[], private readonly deps: OpenRtbSourceDeps) {
    this.transport = deps.transport ?? sharedBidTransport();
    this.notifier = deps.notifier ?? noopNotifier;
    this.capStore = deps.frequencyCapStore ?? (params.frequencyCap !== undefined ? sharedFrequencyCapStore() : undefined);
  }

  async decide(brk: Break, session: Session, avail: AvailContext, deadline: Deadline): Promise<Pod> {
    return (await this.decideWithAuction(brk, session, avail, deadline)).pod;
  }

  /** `decide`, plus the auction's full record (the CLI prints it). */
  async decideWithAuction(brk: Break, session: Session, avail: AvailContext, deadline: Deadline): Promise<OpenRtbDecision> {
    const { params, deps } = this;
    const built = buildBidRequest({ brk, session, avail, params, random: deps.random });
    const breakSec = Math.floor(availDurationMs(brk, params.defaultAvailDurationMs) / 1000);
    const viewerId = viewerIdOf(session.playerParams, session.id);
    const auction = await runAuction(
      { request: built.request, params, bidders: this.bidders, breakSec, budgetMs: Math.min(params.tmaxMs, deadline.remainingMs()), signal: deadline.signal },
      { transport: this.transport, nowMs: () => deps.clock.nowMs(), ...(this.capStore !== undefined ? { frequencyCap: { store: this.capStore, viewerId } } : {}) },
    );
    const notes = [...built.notes, ...auction.notes, ...partnerNotes(auction)];
    const ads = await this.winnersToAds(auction, session, deadline, notes, breakSec);
    this.sendNotices(auction, ads.usedNurl, session);
    if (this.capStore !== undefined && ads.domains.length > 0) {
      const windowMs = params.frequencyCap === undefined ? undefined : params.frequencyCap.windowSec * 1000;
      await this.capStore.record(viewerId, ads.domains, deps.clock.nowMs(), windowMs).catch((e: unknown) => notes.push(`frequency cap not recorded: ${String(e)}`));
    }
    const filled: Pod = ads.ads.length === 0
      ? emptyPod(brk.id, SOURCE, [...notes, emptySummary(auction)])
      : { breakId: brk.id, source: SOURCE, ads: ads.ads, filledUs: ads.ads.reduce((s, a) => s + a.durationUs, 0), notes };
    const pod: Pod = ads.dropped.length === 0 ? filled : { ...filled, dropped: ads.dropped };
    if (pod.ads.length === 0 || notes.length > 0) {
      deps.logger.warn({ sessionId: session.id, breakId: brk.id, source: SOURCE, ads: pod.ads.length, notes: pod.notes, elapsedMs: auction.elapsedMs }, pod.ads.length === 0 ? 'OpenRTB source returned an empty pod' : 'OpenRTB source dropped bids');
    }
    return { pod, auction };
  }

  private async winnersToAds(auction: AuctionResult, session: Session, deadline: Deadline, notes: string[], breakSec: number) {
    const { params, deps } = this;
    const markupDeadline = createDeadline(Math.min(params.markupTimeoutMs, deadline.remainingMs()), deps.clock, deadline.signal);
    const usedNurl = new Set<number>();
    const domains = new Set<string>();
    const dropped: DroppedAd[] = [];
    try {
      const results = await Promise.all(auction.winners.map(async (i) => {
        const r = auction.bids[i] as BidRecord;
        const values = this.macroValues(auction, r);
        const fill = (s: string | undefined) => (s === undefined ? undefined : fillAuctionMacros(s, values));
        const endpoint = this.bidders.find((b) => b.name === r.bidder)?.endpoint ?? 'http://invalid.invalid/';
        const res = await markupToAd(
          { adm: fill(r.bid.adm), nurl: fill(r.bid.nurl), burl: fill(r.bid.burl), baseUrl: endpoint, declaredDurSec: r.durSec ?? 0 },
          { fetcher: deps.fetcher, policy: { ...DEFAULT_VAST_FETCH_POLICY, retry: { ...DEFAULT_VAST_FETCH_POLICY.retry, maxRetries: 0 } }, signal: markupDeadline.signal, headers: viewerHeaders(session), maxDocumentBytes: params.maxResponseBytes, maxWrapperDepth: params.maxWrapperDepth, conditionable: deps.creatives !== undefined },
        );
        return { i, r, res: await this.playable(res, session, markupDeadline.signal) };
      }));
      const ads: PodAd[] = [];
      let filledUs = 0;
      for (const { i, r, res } of results) {
        if (res.ok) {
          if (filledUs + res.ad.durationUs > breakSec * 1_000_000) {
            r.fate = { status: 'lost', reason: 'duration', detail: 'creative longer than the time left in the break' };
            notes.push(`bid ${r.bidder}/${r.bid.id} dropped: its creative does not fit the time left`);
            continue;
          }
          filledUs += res.ad.durationUs;
          ads.push({ ...res.ad, id: `${res.ad.adId}-${ads.length + 1}`, sequence: ads.length + 1 });
          notes.push(...res.notes.map((n) => `bid ${r.bidder}/${r.bid.id}: ${n}`));
          for (const d of normalizeDomains(r.bid.adomain)) domains.add(d);
          if (r.bid.adm === undefined || r.bid.adm.trim() === '') usedNurl.add(i);
        } else if (res.kind === 'unconditioned') {
          r.fate = res.code === undefined ? { status: 'lost', reason: 'conditioning', detail: res.note } : { status: 'lost', reason: 'markup', detail: res.note };
          notes.push(`bid ${r.bidder}/${r.bid.id} won but was dropped: ${res.note}`);
          if (res.code !== undefined && res.errorUrls.length > 0) dropped.push({ adId: res.adId, errorUrls: res.errorUrls, code: res.code });
        } else {
          if (res.fetchedNurl) usedNurl.add(i);
          r.fate = { status: 'lost', reason: 'markup', detail: res.reason };
          notes.push(`bid ${r.bidder}/${r.bid.id} won but was dropped: ${res.reason}`);
        }
      }
      if (markupDeadline.signal.aborted && !deadline.signal.aborted) notes.push(`markup budget of ${params.markupTimeoutMs} ms passed`);
      return { ads, usedNurl, domains: [...domains], dropped };
    } finally {
      markupDeadline.dispose();
    }
  }

  /**
   * A winner's creative as it can play now: an MP4-only one goes through conditioning as VAST
   * ads do, and plays as its conditioned HLS once ready; until then it is left out.
   */
  private async playable(res: MarkupResult, session: Session, signal: AbortSignal): Promise<Playable> {
    const resolver = this.deps.creatives;
    if (!res.ok || res.conditioning === undefined || resolver === undefined) return res;
    const r = await resolveCandidate({ ad: res.ad, conditioning: res.conditioning }, resolver, session, signal);
    if (r.kind === 'ready') return { ok: true, ad: r.candidate.ad, notes: res.notes };
    const code = conditioningErrorCode(r.reason);
    return { ok: false, kind: 'unconditioned', adId: res.ad.adId, note: r.note, errorUrls: res.ad.tracking.error ?? [], ...(code === undefined ? {} : { code }) };
  }

  private macroValues(auction: AuctionResult, r: BidRecord): AuctionMacroValues {
    const won = r.fate.status === 'won' ? r.fate.clearingPriceCpm : undefined;
    let lossCode = lossCodeOf(r.fate);
    if (r.fate.status === 'lost' && r.fate.reason === 'separation') {
      const mine = normalizeDomains(r.bid.adomain);
      const byDomain = auction.winners.some((w) => normalizeDomains(auction.bids[w]?.bid.adomain).some((d) => mine.includes(d)));
      lossCode = lossCodeOf(r.fate, byDomain ? 'adomain' : 'cat');
    }
    return {
      auctionId: auction.request.id,
      bidId: r.bid.id,
      impId: r.bid.impid,
      seatId: r.seat,
      adId: r.bid.adid ?? r.bid.crid ?? '',
      ...(won !== undefined ? { price: won } : {}),
      currency: this.params.currency,
      lossCode,
    };
  }

  /** nurl for winners that played from `adm` (a fetched nurl was the notice); lurl for the rest. */
  private sendNotices(auction: AuctionResult, usedNurl: ReadonlySet<number>, session: Session): void {
    const about = { auctionId: auction.request.id, session: { id: session.id, clientIp: session.clientIp, userAgent: session.userAgent } };
    auction.bids.forEach((r, i) => {
      const values = this.macroValues(auction, r);
      try {
        if (r.fate.status === 'won') {
          if (r.bid.nurl !== undefined && r.bid.nurl !== '' && !usedNurl.has(i)) this.notifier.notify({ kind: 'win', url: fillAuctionMacros(r.bid.nurl, values), bidder: r.bidder, bidId: r.bid.id, lossCode: 0, ...about });
        } else if (r.bid.lurl !== undefined && r.bid.lurl !== '') {
          this.notifier.notify({ kind: 'loss', url: fillAuctionMacros(r.bid.lurl, values), bidder: r.bidder, bidId: r.bid.id, lossCode: values.lossCode, ...about });
        }
      } catch (e) {
        this.deps.logger.warn({ source: SOURCE, bidder: r.bidder, error: String(e) }, 'win/loss notifier threw');
      }
    });
  }
}

/** A winner's markup after conditioning: playable, unusable markup, or left out by conditioning. */
type Playable =
  | Extract<MarkupResult, { ok: true }>
  | (Extract<MarkupResult, { ok: false }> & { readonly kind?: undefined })
  | { readonly ok: false; readonly kind: 'unconditioned'; readonly adId: string; readonly note: string; readonly errorUrls: readonly string[]; readonly code?: 403 | 405 };

function partnerNotes(auction: AuctionResult): string[] {
  const notes: string[] = [];
  for (const b of auction.bidders) {
    if (b.status === 'late' || b.status === 'error') notes.push(`bidder ${b.name} ${b.status}: ${b.detail ?? ''}`.trimEnd());
  }
  for (const r of auction.bids) {
    if (r.fate.status === 'invalid') notes.push(`bid ${r.bidder}/${r.bid.id} invalid: ${r.fate.reason}`);
  }
  return notes;
}

/** Why nothing plays, in one line: "no ad: 2 bids, lost: frequency-cap 2". */
function emptySummary(auction: AuctionResult): string {
  if (auction.bids.length === 0) return `no ad: no bids from ${auction.bidders.length} partner(s)`;
  const counts = new Map<string, number>();
  for (const r of auction.bids) {
    const label = r.fate.status === 'lost' ? r.fate.reason : r.fate.status;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return `no ad: ${auction.bids.length} bid(s), ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`;
}

function viewerHeaders(session: Session): Record<string, string> {
  return { 'user-agent': session.userAgent, 'x-forwarded-for': session.clientIp, 'x-device-ip': session.clientIp, 'x-device-user-agent': session.userAgent };
}

/** Validates params and every bidder's adapter params, listing every problem (STYLE §11). */
export function createOpenRtbSource(raw: unknown, deps: OpenRtbSourceDeps): { readonly ok: true; readonly value: OpenRtbSource } | { readonly ok: false; readonly error: readonly string[] } {
  const parsed = openRtbParamsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(params)'}: ${i.message}`) };
  const errors: string[] = [];
  const bidders: ResolvedBidder[] = [];
  parsed.data.bidders.forEach((b, n) => {
    const adapter = bidderAdapters[b.adapter];
    if (adapter === undefined) {
      errors.push(`bidders.${n}.adapter: unknown adapter ${JSON.stringify(b.adapter)} (known: ${Object.keys(bidderAdapters).join(', ')})`);
      return;
    }
    const p = adapter.paramsSchema.safeParse(b.params);
    if (!p.success) errors.push(...p.error.issues.map((i) => `bidders.${n}.params${i.path.length > 0 ? `.${i.path.join('.')}` : ''}: ${i.message}`));
    else bidders.push({ ...b, params: p.data });
  });
  if (errors.length > 0) return { ok: false, error: errors };
  return { ok: true, value: new OpenRtbSource(parsed.data, bidders, deps) };
}

/** Registry entry (src/decisioning/registry.ts): `openrtb: createOpenRtbSourceFromParams`. */
export const createOpenRtbSourceFromParams: AdSourceFactory = (raw, deps) => createOpenRtbSource(raw, deps);
