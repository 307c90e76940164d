/**
 * The two player routes every viewer hits for as long as it plays, answered ahead of express:
 *
 *   GET|HEAD /v1/manifest/:channel/:session/<n>.m3u8    a media playlist refresh
 *   GET|HEAD /v1/segment/:session/<ad segment id>       the 302 of an ad segment (and its beacons)
 *
 * Express's per-request machinery (router walk, prototype swaps, body parser, res.set) cost
 * several times these routes' own work. The answers are the ones the express stack gives:
 * same headers (request id, CORS, caching), same JSON errors through the same error answer,
 * the same log line (at debug for a success: laneLogLevel) and latency metric. Anything else, and any path this lane does not
 * recognise exactly, goes to express unchanged.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeader, RequestListener, ServerResponse } from 'node:http';
import type { PlaybackService } from '../manifest-service/playback-service.js';
import { deferredChildLogger, type LogContext, type Logger } from '../observability/logger.js';
import type { ManifestKind, Metrics } from '../observability/metrics.js';
import { errorAnswer } from './middleware/error-handler.js';
import { EXPOSE_HEADERS } from './middleware/cors.js';
import { INCOMING_REQUEST_ID, REQUEST_ID_HEADER } from './middleware/request-context.js';

export interface PlayerLaneDeps {
  readonly playback: PlaybackService;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly newRequestId?: () => string;
}

// Exactly what the express routes accept; the rest falls through to them.
const MEDIA_PATH = /^\/v1\/manifest\/([^/]+)\/([^/]+)\/(\d{1,4})\.m3u8$/;
const SEGMENT_PATH = /^\/v1\/segment\/([^/]+)\/([^/]+)$/;
const HLS_TYPE = 'application/vnd.apple.mpegurl; charset=utf-8';

type LaneRequest =
  | { readonly kind: 'media'; readonly path: string; readonly channelId: string; readonly sessionId: string; readonly rendition: number }
  | { readonly kind: 'segment'; readonly path: string; readonly sessionId: string; readonly segmentId: string };

interface Answer {
  readonly status: number;
  readonly headers: readonly string[];
  readonly body?: Buffer;
}

/** Wraps the express app (or any listener) with the player lane. */
export function withPlayerLane(next: RequestListener, deps: PlayerLaneDeps): RequestListener {
  return (req, res) => {
    const lane = req.method === 'GET' || req.method === 'HEAD' ? parseLanePath(req.url ?? '') : undefined;
    if (lane === undefined) {
      next(req, res);
      return;
    }
    void serve(req, res, lane, deps);
  };
}

function parseLanePath(url: string): LaneRequest | undefined {
  if (!url.startsWith('/v1/manifest/') && !url.startsWith('/v1/segment/')) return undefined;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const media = MEDIA_PATH.exec(path);
  if (media !== null) {
    const channelId = decodeParam(media[1] ?? '');
    const sessionId = decodeParam(media[2] ?? '');
    if (channelId === undefined || sessionId === undefined) return undefined;
    return { kind: 'media', path, channelId, sessionId, rendition: Number(media[3]) };
  }
  const segment = SEGMENT_PATH.exec(path);
  if (segment === null) return undefined;
  const sessionId = decodeParam(segment[1] ?? '');
  const segmentId = decodeParam(segment[2] ?? '');
  if (sessionId === undefined || segmentId === undefined) return undefined;
  return { kind: 'segment', path, sessionId, segmentId };
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

async function answer(lane: LaneRequest, playback: PlaybackService, log: Logger): Promise<Answer> {
  if (lane.kind === 'media') {
    const body = await playback.media(lane.channelId, lane.sessionId, lane.rendition, log);
    return { status: 200, headers: ['Content-Type', HLS_TYPE, 'Cache-Control', 'no-cache', 'Content-Length', String(body.length)], body };
  }
  const target = await playback.segmentTarget(lane.sessionId, lane.segmentId);
  return { status: 302, headers: ['Cache-Control', 'no-cache', 'Location', target, 'Content-Length', '0'] };
}

async function serve(req: IncomingMessage, res: ServerResponse, lane: LaneRequest, deps: PlayerLaneDeps): Promise<void> {
  const started = process.hrtime.bigint();
  const kind: ManifestKind = lane.kind;
  const endTimer = deps.metrics.manifestRequestDuration.startTimer({ kind });
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : (deps.newRequestId ?? randomUUID)();
  const ids: LogContext = { requestId, sessionId: lane.sessionId, ...(lane.kind === 'media' ? { channelId: lane.channelId } : {}) };
  const log = deferredChildLogger(deps.logger, ids);
  const common = [REQUEST_ID_HEADER, requestId, 'Access-Control-Allow-Origin', '*', 'Access-Control-Expose-Headers', EXPOSE_HEADERS];
  let out: Answer;
  try {
    out = await answer(lane, deps.playback, log);
  } catch (e) {
    const failed = errorAnswer(e, requestId, log);
    const json = Buffer.from(JSON.stringify(failed.body));
    out = { status: failed.status, headers: ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(json.length)], body: json };
  }
  res.writeHead(out.status, [...common, ...out.headers] as OutgoingHttpHeader[]);
  res.end(req.method === 'HEAD' ? undefined : out.body);
  endTimer();
  const level = laneLogLevel(out.status);
  if (!deps.logger.isLevelEnabled(level)) return;
  // Through the parent with the ids as fields: touching the deferred child would build it.
  // Spelled out, not `{ ...ids, method, … }`: on Node 20's V8 every new key after a leading
  // spread goes through the runtime; that one line cost a live refresh 8 of its 58 µs of CPU
  // in the playlist bench. Pino leaves out the undefined channelId of a segment request.
  const line = { requestId, sessionId: lane.sessionId, channelId: ids.channelId, method: req.method, path: lane.path, status: out.status, durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 };
  deps.logger[level](line, level === 'error' ? 'request failed' : 'request');
}

/**
 * A player refreshes each rendition every few seconds and fetches every ad segment: a line
 * per success would be most of the log, and writing it to a file cost a live refresh half as
 * much CPU again in the playlist bench (74 against 50 µs). Successes are debug (the latency histogram counts them); a 4xx (an expired
 * session, a bad id) stays info and a 5xx error, as on every other route.
 */
function laneLogLevel(status: number): 'debug' | 'info' | 'error' {
  if (status >= 500) return 'error';
  return status >= 400 ? 'info' : 'debug';
}
