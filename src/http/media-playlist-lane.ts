/**
 * `GET|HEAD /v1/manifest/:channel/:session/<n>.m3u8` answered ahead of express. Every player
 * refreshes its media playlists every few seconds for as long as it plays, so this one route
 * is most of the service's traffic; express's per-request machinery (router walk, prototype
 * swaps, body parser, res.set) cost several times the route's own work. The answer is the
 * one the express stack gives: same headers (request id, CORS, caching), same JSON errors
 * through the same error answer, the same log line and latency metric. Anything else, and
 * any path this lane does not recognise exactly, goes to express unchanged.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { PlaybackService } from '../manifest-service/playback-service.js';
import { deferredChildLogger, type Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { errorAnswer } from './middleware/error-handler.js';
import { EXPOSE_HEADERS } from './middleware/cors.js';
import { INCOMING_REQUEST_ID, REQUEST_ID_HEADER } from './middleware/request-context.js';

export interface MediaPlaylistLaneDeps {
  readonly playback: PlaybackService;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly newRequestId?: () => string;
}

const PREFIX = '/v1/manifest/';
// Exactly what the express route would accept as a media playlist name; the rest falls through.
const MEDIA_PATH = /^\/v1\/manifest\/([^/]+)\/([^/]+)\/(\d{1,4})\.m3u8$/;
const HLS_TYPE = 'application/vnd.apple.mpegurl; charset=utf-8';

interface MediaRequest {
  readonly channelId: string;
  readonly sessionId: string;
  readonly rendition: number;
  readonly path: string;
}

/** Wraps the express app (or any listener) with the media playlist lane. */
export function withMediaPlaylistLane(next: RequestListener, deps: MediaPlaylistLaneDeps): RequestListener {
  return (req, res) => {
    const media = (req.method === 'GET' || req.method === 'HEAD') && req.url?.startsWith(PREFIX) === true ? parseMediaPath(req.url) : undefined;
    if (media === undefined) {
      next(req, res);
      return;
    }
    void serveMedia(req, res, media, deps);
  };
}

function parseMediaPath(url: string): MediaRequest | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const m = MEDIA_PATH.exec(path);
  if (m === null) return undefined;
  const channelId = decodeParam(m[1] ?? '');
  const sessionId = decodeParam(m[2] ?? '');
  if (channelId === undefined || sessionId === undefined) return undefined;
  return { channelId, sessionId, rendition: Number(m[3]), path };
}

/** As express decodes route params; a malformed escape is left to express's own answer. */
function decodeParam(raw: string): string | undefined {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** What the request context and CORS middlewares put on every player answer. */
function playerHeaders(requestId: string): string[] {
  return [REQUEST_ID_HEADER, requestId, 'Access-Control-Allow-Origin', '*', 'Access-Control-Expose-Headers', EXPOSE_HEADERS];
}

async function serveMedia(req: IncomingMessage, res: ServerResponse, media: MediaRequest, deps: MediaPlaylistLaneDeps): Promise<void> {
  const started = process.hrtime.bigint();
  const endTimer = deps.metrics.manifestRequestDuration.startTimer({ kind: 'media' });
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : (deps.newRequestId ?? randomUUID)();
  const log = deferredChildLogger(deps.logger, { requestId, channelId: media.channelId, sessionId: media.sessionId });
  try {
    const body = await deps.playback.media(media.channelId, media.sessionId, media.rendition, log);
    res.writeHead(200, [...playerHeaders(requestId), 'Content-Type', HLS_TYPE, 'Cache-Control', 'no-cache', 'Content-Length', String(body.length)]);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (e) {
    const answer = errorAnswer(e, requestId, log);
    const json = Buffer.from(JSON.stringify(answer.body));
    res.writeHead(answer.status, [...playerHeaders(requestId), 'Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(json.length)]);
    res.end(req.method === 'HEAD' ? undefined : json);
  } finally {
    endTimer();
  }
  // Through the parent with the ids as fields: touching the deferred child would build it.
  const line = {
    requestId, channelId: media.channelId, sessionId: media.sessionId,
    method: req.method, path: media.path, status: res.statusCode,
    durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
  };
  if (res.statusCode >= 500) deps.logger.error(line, 'request failed');
  else deps.logger.info(line, 'request');
}
