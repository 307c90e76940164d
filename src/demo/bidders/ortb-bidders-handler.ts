import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrtbBidRequest } from '../../decisioning/sources/openrtb/ortb-types.js';
import { validateBidRequest } from '../../decisioning/sources/openrtb/validation.js';
import type { DemoCreative } from '../ad-server/pod-selection.js';
import type { VastMediaFile } from '../ad-server/vast-document.js';
import type { DemoLogger } from '../demo-logger.js';
import { sendError, sendJson } from '../http-responses.js';
import type { DemoMediaCatalog } from '../media/media-catalog.js';
import { DEMO_BIDDERS, type DemoBidder } from './demo-bidder-profiles.js';
import { makeDemoBids } from './demo-bid-maker.js';

export interface DemoBiddersOptions {
  readonly catalog: DemoMediaCatalog;
  /** `http://host:port` (no trailing slash); read per request (known only after listen). */
  readonly baseUrl: () => string;
  readonly logger: DemoLogger;
  readonly bidders?: readonly DemoBidder[];
  /** Waits out a partner's latency; injectable so tests need not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The largest bid request body read; an OpenRTB pod request is a few kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;
export const DEMO_BIDDERS_PATH_PREFIX = '/ortb/';

/**
 * The demo's loopback demand partners: `POST /ortb/<name>` with an OpenRTB 2.6 BidRequest
 * answers, after that partner's latency, 200 with a BidResponse, or 204 when it has nothing
 * that fits. A body that is not a valid pod request is a 400. Returns false for other paths.
 */
export function createDemoBiddersHandler(opts: DemoBiddersOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const bidders = new Map((opts.bidders ?? DEMO_BIDDERS).map((b) => [b.name, b]));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return async (req, res, url) => {
    if (!url.pathname.startsWith(DEMO_BIDDERS_PATH_PREFIX)) return false;
    const bidder = bidders.get(url.pathname.slice(DEMO_BIDDERS_PATH_PREFIX.length));
    if (bidder === undefined) {
      sendError(res, 404, 'ROUTE_NOT_FOUND', `no demo bidder at ${url.pathname} (known: ${[...bidders.keys()].join(', ')})`);
      return true;
    }
    if (req.method !== 'POST') {
      sendError(res, 405, 'METHOD_NOT_ALLOWED', 'demo bidders take POST with an OpenRTB BidRequest');
      return true;
    }
    const text = await readBody(req);
    const request = parseRequest(text);
    if (typeof request === 'string') {
      sendError(res, 400, 'REQUEST_INVALID', request);
      return true;
    }
    const answer = makeDemoBids(bidder, request, { baseUrl: opts.baseUrl(), creatives: hlsCreatives(opts.catalog, opts.baseUrl()) });
    await sleep(bidder.latencyMs);
    // The exchange may have given up on us (its tmax passed): nothing left to answer.
    if (res.destroyed) return true;
    if (answer === undefined) {
      res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
      return true;
    }
    opts.logger.info({ bidder: bidder.name, requestId: request.id, bids: answer.seatbid?.[0]?.bid.length ?? 0 }, 'demo bidder: bids');
    sendJson(res, 200, answer);
    return true;
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function parseRequest(text: string | undefined): OrtbBidRequest | string {
  if (text === undefined) return `bid request larger than ${MAX_BODY_BYTES} bytes`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'bid request is not JSON';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'a BidRequest must be a JSON object';
  const problems = validateBidRequest(value as OrtbBidRequest);
  return problems.length > 0 ? `invalid BidRequest: ${problems.join('; ')}` : (value as OrtbBidRequest);
}

/** The catalog's HLS ads with the MediaFile a VAST names for each (its multivariant playlist). */
function hlsCreatives(catalog: DemoMediaCatalog, base: string): Map<string, { creative: DemoCreative; mediaFile: VastMediaFile }> {
  const out = new Map<string, { creative: DemoCreative; mediaFile: VastMediaFile }>();
  for (const a of catalog.hls) {
    if (a.kind !== 'ad') continue;
    const top = a.renditions[0];
    out.set(a.id, {
      creative: { id: a.id, title: a.title, durationSec: a.durationSec, delivery: 'hls' },
      mediaFile: { url: `${base}/ads/${a.id}/master.m3u8`, delivery: 'streaming', type: 'application/x-mpegURL', width: top?.width ?? 0, height: top?.height ?? 0, bitrateKbps: Math.round((top?.bandwidth ?? 0) / 1000) },
    });
  }
  return out;
}
