import type { OrtbBidResponse } from '../ortb-types.js';
import { parseBidResponseText } from '../validation.js';
import type { BidderBid, BidderBids, ResponseData } from './bidder.js';

/**
 * The status and envelope handling every adapter shares (Prebid's adapters repeat it; we
 * write it once): 204 means no bid, anything but 200 is an error, the body must be a
 * BidResponse. `mapBid` lets an adapter rewrite each bid (imp ids, durations) or reject it
 * with a reason.
 */
export function readBidResponse(
  response: ResponseData,
  mapBid: (b: BidderBid) => BidderBid | string = (b) => b,
): BidderBids {
  if (response.status === 204) return { bids: [], errors: [], currency: 'USD' };
  if (response.status !== 200) return { bids: [], errors: [`unexpected HTTP status ${response.status}`], currency: 'USD' };
  const parsed = parseBidResponseText(response.body);
  if (!parsed.ok) return { bids: [], errors: parsed.errors, currency: 'USD' };
  const errors = [...parsed.value.dropped];
  const bids: BidderBid[] = [];
  for (const { bid, seat } of seatBids(parsed.value.response)) {
    const mapped = mapBid({ bid, seat });
    if (typeof mapped === 'string') errors.push(mapped);
    else bids.push(mapped);
  }
  return { bids, errors, currency: parsed.value.response.cur ?? 'USD' };
}

function* seatBids(r: OrtbBidResponse): Iterable<BidderBid> {
  for (const sb of r.seatbid ?? []) for (const bid of sb.bid) yield { bid, seat: sb.seat ?? '' };
}

/** Headers Prebid adapters send on a server-to-server bid request. */
export function ortbHeaders(ua: string | undefined, ip: string | undefined): Record<string, string> {
  return {
    'content-type': 'application/json;charset=utf-8',
    accept: 'application/json',
    'x-openrtb-version': '2.6',
    ...(ua !== undefined && ua !== '' ? { 'x-device-user-agent': ua } : {}),
    ...(ip !== undefined && ip !== '' ? { 'x-forwarded-for': ip } : {}),
  };
}
