import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../sessions/clock.js';
import { createAdServerHandler } from './ad-server/ad-server-handler.js';
import type { BeaconSink } from './ad-server/beacon-sink.js';
import { createDemoBiddersHandler, DEMO_BIDDERS_PATH_PREFIX } from './bidders/ortb-bidders-handler.js';
import type { DemoLogger } from './demo-logger.js';
import { sendError, sendJson } from './http-responses.js';
import type { DemoMediaCatalog } from './media/media-catalog.js';
import { createOriginHandler, DEMO_STREAM_PATHS } from './origin/origin-handler.js';
import type { LiveScheduleConfig } from './origin/live-schedule.js';

export interface DemoHandlerOptions {
  readonly mediaDir: string;
  readonly catalog: DemoMediaCatalog;
  readonly clock: Clock;
  readonly logger: DemoLogger;
  readonly beacons: BeaconSink;
  /** `http://host:port` without a trailing slash; read per request (known only after listen). */
  readonly baseUrl: () => string;
  readonly liveWindowSegments?: number;
  readonly liveSchedule?: LiveScheduleConfig;
}

export type DemoRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * One plain node:http handler for the whole demo: origin, creatives, slate, VAST ad server,
 * beacon sink, and `GET /` listing the paths. CORS is open (browser players fetch creatives
 * directly after the service's 302s). Faults answer 500 JSON and are logged; they never throw
 * out of the handler.
 */
export function createDemoRequestHandler(opts: DemoHandlerOptions): DemoRequestHandler {
  const origin = createOriginHandler({
    mediaDir: opts.mediaDir,
    catalog: opts.catalog,
    clock: opts.clock,
    ...(opts.liveWindowSegments === undefined ? {} : { liveWindowSegments: opts.liveWindowSegments }),
    ...(opts.liveSchedule === undefined ? {} : { liveSchedule: opts.liveSchedule }),
  });
  const adServer = createAdServerHandler({ catalog: opts.catalog, baseUrl: opts.baseUrl, beacons: opts.beacons, logger: opts.logger });
  const bidders = createDemoBiddersHandler({ catalog: opts.catalog, baseUrl: opts.baseUrl, logger: opts.logger });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, HEAD, DELETE, OPTIONS', 'Access-Control-Allow-Headers': '*' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const isBidder = url.pathname.startsWith(DEMO_BIDDERS_PATH_PREFIX);
    if (req.method !== 'GET' && req.method !== 'HEAD' && !(req.method === 'DELETE' && url.pathname === '/beacons') && url.pathname !== '/beacon' && !isBidder) {
      sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method ?? ''} is not served by the demo`);
      return;
    }
    if (url.pathname === '/') {
      sendJson(res, 200, { paths: { ...DEMO_STREAM_PATHS, vast: 'vast?dur=30', beacons: 'beacons' }, ads: opts.catalog.hls.filter((a) => a.kind === 'ad').map((a) => `ads/${a.id}/master.m3u8`) });
      return;
    }
    if (await origin(req, res, url)) return;
    if (await adServer(req, res, url)) return;
    if (isBidder && (await bidders(req, res, url))) return;
    sendError(res, 404, 'ROUTE_NOT_FOUND', `the demo does not serve ${url.pathname}`);
  };

  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      opts.logger.warn({ err: e, url: req.url }, 'demo: request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'demo handler failed');
      else res.destroy();
    });
  };
}
