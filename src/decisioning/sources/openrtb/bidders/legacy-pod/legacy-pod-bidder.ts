import { z } from 'zod';
import type { OrtbBidRequest, OrtbImp, OrtbVideo } from '../../ortb-types.js';
import type { Bidder, BidderBid, BidderBids, RequestData, ResolvedBidder, ResponseData } from '../bidder.js';
import { ortbHeaders, readBidResponse } from '../response-reading.js';

/**
 * A partner from before OpenRTB 2.6 pods (the Prebid "adpod" convention): it cannot read
 * `poddur`/`maxseq`, so each dynamic imp is split into one imp per slot, id `<imp>~<n>`,
 * each asking for one ad of at most `maxduration`; the pod's shape travels in
 * `imp.video.ext.adpod` (podid, poddur, maxseq, slot, rqddurs). Structured slots go as they
 * are, with the same ext. Bids are mapped back to the pod imp (`<imp>~<n>` → `<imp>`), and a
 * duration given in `bid.ext.prebid.video.duration` becomes `dur`.
 */
export const legacyPodParamsSchema = z.object({
  /** Slots offered for a dynamic imp whose `maxseq` is 0 (no limit). */
  maxSlots: z.number().int().min(1).max(30).default(6),
  impExt: z.record(z.string(), z.unknown()).optional(),
}).strict();

export type LegacyPodParams = z.infer<typeof legacyPodParamsSchema>;

const SEP = '~';
const POD_FIELDS = ['poddur', 'maxseq', 'podid', 'podseq', 'slotinpod', 'mincpmpersec', 'rqddurs'] as const;

export const legacyPodBidder: Bidder = {
  name: 'legacy-pod',
  paramsSchema: legacyPodParamsSchema,
  makeRequests(podRequest: OrtbBidRequest, bidder: ResolvedBidder): readonly RequestData[] {
    const params = bidder.params as LegacyPodParams;
    const imp = podRequest.imp.flatMap((i) => splitImp(i, params));
    const body: OrtbBidRequest = { ...podRequest, imp };
    return [{ method: 'POST', uri: bidder.endpoint, body: JSON.stringify(body), headers: ortbHeaders(podRequest.device?.ua, podRequest.device?.ip ?? podRequest.device?.ipv6) }];
  },
  makeBids(_request: RequestData, response: ResponseData): BidderBids {
    return readBidResponse(response, mapBack);
  },
};

function splitImp(imp: OrtbImp, params: LegacyPodParams): OrtbImp[] {
  const v = imp.video;
  const ext = (slot: number) => ({ ...v.ext, adpod: { podid: v.podid, poddur: v.poddur, maxseq: v.maxseq, slot, rqddurs: v.rqddurs, slotinpod: v.slotinpod } });
  const bidderExt = params.impExt === undefined ? {} : { ext: { ...imp.ext, bidder: params.impExt } };
  if (v.poddur === undefined) return [{ ...imp, video: { ...legacyVideo(v), ext: ext(1) }, ...bidderExt }];
  const slots = v.maxseq !== undefined && v.maxseq > 0 ? v.maxseq : params.maxSlots;
  const maxduration = Math.min(v.maxduration ?? v.poddur, v.poddur, v.rqddurs !== undefined ? Math.max(...v.rqddurs) : Infinity);
  return Array.from({ length: slots }, (_x, n) => ({
    ...imp,
    id: `${imp.id}${SEP}${n + 1}`,
    video: { ...legacyVideo(v), maxduration, ext: ext(n + 1) },
    ...bidderExt,
  }));
}

function legacyVideo(v: OrtbVideo): OrtbVideo {
  const out: Record<string, unknown> = { ...v };
  for (const f of POD_FIELDS) delete out[f];
  return out as unknown as OrtbVideo;
}

function mapBack(b: BidderBid): BidderBid | string {
  const sep = b.bid.impid.lastIndexOf(SEP);
  const impid = sep > 0 ? b.bid.impid.slice(0, sep) : b.bid.impid;
  const extDur = (b.bid.ext?.prebid as { video?: { duration?: unknown } } | undefined)?.video?.duration;
  const dur = b.bid.dur ?? (typeof extDur === 'number' ? extDur : undefined);
  return { seat: b.seat, bid: { ...b.bid, impid, ...(dur !== undefined ? { dur } : {}) } };
}
