import { z } from 'zod';
import type { OrtbBidRequest } from '../../ortb-types.js';
import type { Bidder, BidderBids, RequestData, ResolvedBidder, ResponseData } from '../bidder.js';
import { ortbHeaders, readBidResponse } from '../response-reading.js';

/**
 * A partner that speaks OpenRTB 2.6 pods natively: the pod request goes out as it is (one
 * POST), with `imp[].ext.bidder` carrying this bidder's params, and bids come back as sent.
 */
export const genericParamsSchema = z.object({
  /** Copied into every `imp.ext.bidder` (placement ids and the like). */
  impExt: z.record(z.string(), z.unknown()).optional(),
  /** Replaces `app.publisher.id` / `site.publisher.id` for this partner. */
  publisherId: z.string().min(1).max(256).optional(),
}).strict();

export type GenericParams = z.infer<typeof genericParamsSchema>;

export const genericBidder: Bidder = {
  name: 'generic',
  paramsSchema: genericParamsSchema,
  makeRequests(podRequest: OrtbBidRequest, bidder: ResolvedBidder): readonly RequestData[] {
    const params = bidder.params as GenericParams;
    if (params.impExt === undefined && params.publisherId === undefined) return [{ method: 'POST', uri: bidder.endpoint, ...unchanged(podRequest) }];
    const request: OrtbBidRequest = {
      ...podRequest,
      imp: params.impExt === undefined ? podRequest.imp : podRequest.imp.map((imp) => ({ ...imp, ext: { ...imp.ext, bidder: params.impExt } })),
      ...withPublisher(podRequest, params.publisherId),
    };
    return [{ method: 'POST', uri: bidder.endpoint, body: JSON.stringify(request), headers: ortbHeaders(podRequest.device?.ua, podRequest.device?.ip ?? podRequest.device?.ipv6) }];
  },
  makeBids(_request: RequestData, response: ResponseData): BidderBids {
    return readBidResponse(response);
  },
};

// The request goes out unchanged to every partner without params: serialise it once (an
// auction tells partners with the same budget the same request object).
const unchangedCache = new WeakMap<OrtbBidRequest, { readonly body: string; readonly headers: Readonly<Record<string, string>> }>();

function unchanged(req: OrtbBidRequest): { readonly body: string; readonly headers: Readonly<Record<string, string>> } {
  let hit = unchangedCache.get(req);
  if (hit === undefined) unchangedCache.set(req, (hit = { body: JSON.stringify(req), headers: ortbHeaders(req.device?.ua, req.device?.ip ?? req.device?.ipv6) }));
  return hit;
}

function withPublisher(req: OrtbBidRequest, publisherId: string | undefined): Partial<OrtbBidRequest> {
  if (publisherId === undefined) return {};
  if (req.site !== undefined) return { site: { ...req.site, publisher: { id: publisherId } } };
  return { app: { ...req.app, publisher: { id: publisherId } } };
}
