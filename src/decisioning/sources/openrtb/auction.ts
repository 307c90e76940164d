import { setMaxListeners } from 'node:events';
import type { Bidder, BidderBids, ResolvedBidder } from './bidders/bidder.js';
import { bidderAdapters } from './bidders/registry.js';
import { bidDurationSec, bidProblem, impSpecsOf, type BidCheckContext } from './bid-checks.js';
import type { AuctionResult, BidderOutcome, BidRecord } from './auction-result.js';
import type { FrequencyCapStore } from './frequency-cap.js';
import type { OrtbBidRequest } from './ortb-types.js';
import type { OpenRtbParams } from './params.js';
import { buildPod, type PodCandidate } from './pod-builder.js';
import { clearingPrices } from './pricing.js';
import { normalizeCats, normalizeDomains } from './separation.js';
import type { BidTransport, TransportResult } from './transport.js';
import { processCutoffLateness, type CutoffLateness } from './cutoff-lateness.js';
import { validateBidRequest } from './validation.js';

/**
 * One auction for one break: fan out to every partner at once, collect until the cutoff,
 * judge every bid, build the pod, price the winners.
 *
 * Timing: the auction has `budgetMs` (the channel's tmax, or less when the caller's deadline
 * is nearer). Bids are collected until `budgetMs - finishReserveMs`, less the lateness past
 * auctions showed after their cutoff (cutoff-lateness.ts: a busy event loop fires the cutoff
 * late, and judging takes time); a partner gets at most
 * its own tmax (and is told `tmax - networkAllowanceMs` in the request). At the cutoff the
 * auction stops waiting and every pending partner is `late`, whatever the transport does: the
 * auction resolves within the budget (plus the pod search, bounded by its node budget). The
 * pending requests themselves run on to their partner's tmax and are aborted only then (or
 * when the caller's deadline fires): a partner answering just after the cutoff keeps its
 * warm connection, where aborting would destroy it and cost a reconnect on the next auction
 * (under load, that churn is what made the event loop late).
 *
 * Never rejects for anything a partner does. Notices and markup are the caller's (the
 * source), so this stays testable without VAST.
 */
export interface AuctionDeps {
  readonly transport: BidTransport;
  readonly nowMs: () => number;
  readonly frequencyCap?: { readonly store: FrequencyCapStore; readonly viewerId: string };
  readonly adapters?: Readonly<Record<string, Bidder>>;
  /** Defaults to the process-wide tracker (the event loop is the process's). */
  readonly lateness?: CutoffLateness;
}

export interface AuctionInput {
  readonly request: OrtbBidRequest;
  readonly params: OpenRtbParams;
  readonly bidders: readonly ResolvedBidder[];
  /** The break in whole seconds: the pod's total limit. */
  readonly breakSec: number;
  readonly budgetMs: number;
  /** The caller's deadline; aborting it ends collection at once. */
  readonly signal?: AbortSignal;
}

interface Collected {
  readonly outcome: BidderOutcome;
  readonly answers: readonly BidderBids[];
}

export async function runAuction(input: AuctionInput, deps: AuctionDeps): Promise<AuctionResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { request, params } = input;
  const problems = validateBidRequest(request);
  if (problems.length > 0) {
    return { request, bidders: [], bids: [], winners: [], exact: true, elapsedMs: elapsed(), notes: problems.map((p) => `bid request invalid, not sent: ${p}`) };
  }
  const lateness = deps.lateness ?? processCutoffLateness;
  const cutoffMs = Math.max(1, input.budgetMs - params.finishReserveMs - lateness.extraReserveMs(input.budgetMs));
  // Aborts partner requests only when the caller gives up; the cutoff just stops waiting.
  const callerGone = new AbortController();
  const signal = callerGone.signal;
  // Every partner request listens to this one signal: 64 partners is a legitimate fan-out.
  setMaxListeners(0, signal);
  let onCutoff: () => void = () => undefined;
  const cutoffReached = new Promise<'cutoff'>((resolve) => {
    onCutoff = () => resolve('cutoff');
  });
  const onCallerAbort = () => {
    callerGone.abort(CALLER_ABORTED);
    onCutoff();
  };
  input.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (input.signal?.aborted === true) onCallerAbort();
  let cutoffFired = false;
  const timer = setTimeout(() => {
    cutoffFired = true;
    onCutoff();
  }, cutoffMs);
  const adapters = deps.adapters ?? bidderAdapters;
  // Partners with the same budget are told the same request (one object, so an adapter
  // that sends it unchanged serialises it once per auction, not once per partner).
  const toldByTmax = new Map<number, OrtbBidRequest>();
  const tell = (tmax: number) => {
    let told = toldByTmax.get(tmax);
    if (told === undefined) toldByTmax.set(tmax, (told = { ...request, tmax }));
    return told;
  };
  let collected: Collected[];
  try {
    collected = await Promise.all(input.bidders.map((b) => collectOne(b, adapters[b.adapter], input, deps.transport, { signal, cutoffMs, cutoffReached, tell })));
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onCallerAbort);
  }
  const result = await judge(input, collected, deps, elapsed);
  if (cutoffFired) lateness.record(performance.now() - started - cutoffMs);
  return result;
}

// Made once: abort() without a reason builds a DOMException, stack and all, every time.
const CALLER_ABORTED = new DOMException('caller deadline passed', 'AbortError');

interface Collection {
  readonly signal: AbortSignal;
  readonly cutoffMs: number;
  readonly cutoffReached: Promise<'cutoff'>;
  readonly tell: (tmax: number) => OrtbBidRequest;
}

async function collectOne(
  bidder: ResolvedBidder,
  adapter: Bidder | undefined,
  input: AuctionInput,
  transport: BidTransport,
  { signal, cutoffMs, cutoffReached, tell }: Collection,
): Promise<Collected> {
  const t0 = performance.now();
  const took = () => Math.round(performance.now() - t0);
  const outcome = (status: BidderOutcome['status'], bids: number, detail?: string): BidderOutcome => ({ name: bidder.name, adapter: bidder.adapter, status, elapsedMs: took(), bids, ...(detail !== undefined ? { detail } : {}) });
  if (adapter === undefined) return { outcome: outcome('error', 0, `unknown adapter ${bidder.adapter}`), answers: [] };
  const { params } = input;
  const bidderTmax = Math.min(bidder.tmaxMs ?? params.tmaxMs, params.tmaxMs, input.budgetMs);
  const told = tell(Math.max(1, bidderTmax - params.networkAllowanceMs));
  let calls;
  try {
    calls = adapter.makeRequests(told, bidder);
  } catch (e) {
    return { outcome: outcome('error', 0, `adapter failed to build requests: ${e instanceof Error ? e.message : String(e)}`), answers: [] };
  }
  if (calls.length === 0) return { outcome: outcome('no-bid', 0, 'adapter made no request'), answers: [] };
  const sends = calls.map((call) => transport.send(call, { timeoutMs: bidderTmax, maxBytes: params.maxResponseBytes, signal }).then((r) => ({ call, r })));
  const raced = await Promise.race([Promise.all(sends), cutoffReached]);
  if (raced === 'cutoff') return { outcome: outcome('late', 0, `no answer by the auction cutoff (${cutoffMs} ms)`), answers: [] };
  const answers: BidderBids[] = [];
  const errors: string[] = [];
  let late: string | undefined;
  for (const { call, r } of raced) {
    const failure = failureOf(r);
    if (failure !== undefined) {
      if (failure.late) late = failure.message;
      else errors.push(failure.message);
      continue;
    }
    if (!r.ok) continue;
    try {
      const bids = adapter.makeBids(call, r.response);
      answers.push(bids);
      errors.push(...bids.errors);
    } catch (e) {
      errors.push(`adapter failed to read the response: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const count = answers.reduce((s, a) => s + a.bids.length, 0);
  if (late !== undefined && count === 0) return { outcome: outcome('late', 0, late), answers };
  if (count > 0) return { outcome: outcome('bid', count, errors.length > 0 ? errors.join('; ') : undefined), answers };
  if (errors.length > 0) return { outcome: outcome('error', 0, errors.join('; ')), answers };
  return { outcome: outcome('no-bid', 0), answers };
}

function failureOf(r: TransportResult): { late: boolean; message: string } | undefined {
  if (r.ok) return undefined;
  return { late: r.failure === 'timeout' || r.failure === 'aborted', message: `${r.failure}: ${r.message}` };
}

async function judge(input: AuctionInput, collected: readonly Collected[], deps: AuctionDeps, elapsed: () => number): Promise<AuctionResult> {
  const { request, params } = input;
  const imps = impSpecsOf(request);
  const ctxBase = {
    impIds: new Set(request.imp.map((i) => i.id)),
    currency: params.currency,
    maxPriceCpm: params.maxPriceCpm,
    requireAdomain: params.separation.adomain,
    seen: new Set<string>(),
  };
  const bids: BidRecord[] = [];
  const valid: number[] = [];
  collected.forEach((c, bidderIndex) => {
    const bidder = input.bidders[bidderIndex];
    if (bidder === undefined) return;
    for (const answer of c.answers) {
      const ctx: BidCheckContext = { ...ctxBase, responseCurrency: answer.currency };
      for (const { bid, seat } of answer.bids) {
        const problem = bidProblem(bidder.name, bid, ctx);
        const durSec = bidDurationSec(bid);
        const record: BidRecord = { bidder: bidder.name, seat, bid, ...(durSec !== undefined ? { durSec } : {}), fate: problem === undefined ? { status: 'lost', reason: 'price' } : { status: 'invalid', reason: problem } };
        if (problem === undefined) valid.push(bids.length);
        bids.push(record);
      }
    }
  });
  const candidates: PodCandidate[] = valid.map((i) => {
    const r = bids[i] as BidRecord;
    return {
      bidder: r.bidder,
      bidId: r.bid.id,
      impId: r.bid.impid,
      priceCpm: r.bid.price,
      durSec: r.durSec ?? 0,
      adomains: normalizeDomains(r.bid.adomain),
      cats: normalizeCats(r.bid.cat),
      ...(r.bid.slotinpod !== undefined ? { position: r.bid.slotinpod } : {}),
    };
  });
  const notes: string[] = [];
  const domainAllowance = await allowanceOf(candidates, params, deps, notes);
  const totalDurSec = Math.min(input.breakSec, imps.reduce((s, i) => s + i.podDurSec, 0));
  const solution = buildPod({ imps, totalDurSec, separation: params.separation, candidates, ...(domainAllowance !== undefined ? { domainAllowance } : {}) });
  const prices = clearingPrices(params.priceRule, candidates, solution.fates, solution.winners, new Map(imps.map((i) => [i.impId, i])));
  solution.fates.forEach((f, ci) => {
    const record = bids[valid[ci] ?? -1];
    if (record === undefined) return;
    if (f.status === 'won') record.fate = { status: 'won', slot: f.slot, clearingPriceCpm: prices.get(ci) ?? record.bid.price };
    else if (f.reason === 'unknown-imp') record.fate = { status: 'invalid', reason: 'bid for unknown imp' };
    else record.fate = { status: 'lost', reason: f.reason };
  });
  if (!solution.exact) notes.push(`pod search stopped at its node budget after ${solution.nodes} nodes; the best pod found was kept`);
  return {
    request,
    bidders: collected.map((c) => c.outcome),
    bids,
    winners: solution.winners.map((ci) => valid[ci] ?? -1).filter((i) => i >= 0),
    exact: solution.exact,
    elapsedMs: elapsed(),
    notes,
  };
}

async function allowanceOf(candidates: readonly PodCandidate[], params: OpenRtbParams, deps: AuctionDeps, notes: string[]): Promise<Map<string, number> | undefined> {
  const cap = params.frequencyCap;
  if (cap === undefined || deps.frequencyCap === undefined) return undefined;
  const domains = [...new Set(candidates.flatMap((c) => c.adomains))];
  if (domains.length === 0) return undefined;
  try {
    const counts = await deps.frequencyCap.store.counts(deps.frequencyCap.viewerId, domains, cap.windowSec * 1000, deps.nowMs());
    return new Map(domains.map((d) => [d, Math.max(0, cap.maxImpressions - (counts.get(d) ?? 0))]));
  } catch (e) {
    notes.push(`frequency cap store failed, capping skipped: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
