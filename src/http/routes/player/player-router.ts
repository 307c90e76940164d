/**
 * The player-facing routes, mounted at /v1 (behind CORS, in front of the JSON 404 and the
 * error handler, which turns the catalogue errors thrown here into JSON answers):
 *
 *   GET  /master/:channel/<origin path>.m3u8?<player params>   implicit session start
 *        (`?interlude.sessionId=<id>`: the multivariant playlist of an explicit session)
 *   POST /session/:channel/<origin path>                       explicit session start
 *   GET  /manifest/:channel/:session/<n>.m3u8                  the session's media playlist n
 *   GET  /segment/:session/<ad segment id>                     302 to the creative's segment
 *   GET  /tracking/:session                                    decided avails, as JSON
 *
 * HTTP only: everything else is the PlaybackService's.
 */
import { Router, type Request, type Response } from 'express';
import { interludeError, issuesContext, issuesFromZod } from '../../../errors/index.js';
import { SUBTITLE_FILLER_PATH, type PlaybackService } from '../../../manifest-service/playback-service.js';
import { childLogger, type Logger } from '../../../observability/logger.js';
import type { ManifestKind, Metrics } from '../../../observability/metrics.js';
import { requestLog } from '../../locals.js';
import { clientIpOf, headerOf, playerParamsOf, SESSION_ID_PARAM } from './client-facts.js';
import { sessionStartBodySchema } from './session-body.js';

export interface PlayerRouterDeps {
  readonly playback: PlaybackService;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

const HLS_TYPE = 'application/vnd.apple.mpegurl';
const MEDIA_FILE = /^(\d{1,4})\.m3u8$/;
// No cues: nothing is shown while the ad plays. The header line alone is a valid WebVTT file.
const EMPTY_WEBVTT = 'WEBVTT\n\n';

function pathParam(req: Request): string {
  const raw: unknown = (req.params as Record<string, unknown>).path;
  return Array.isArray(raw) ? raw.join('/') : typeof raw === 'string' ? raw : '';
}

function param(req: Request, name: string): string {
  const v: unknown = (req.params as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
}

export function createPlayerRouter(deps: PlayerRouterDeps): Router {
  const { playback, metrics } = deps;
  const router = Router();

  // The request's logger already carries requestId; add the ids this route knows.
  const log = (res: Response, ids: { channelId?: string; sessionId?: string }): Logger => childLogger(requestLog(res, deps.logger), ids);
  const timed = async (kind: ManifestKind, work: () => Promise<void>): Promise<void> => {
    const end = metrics.manifestRequestDuration.startTimer({ kind });
    try {
      await work();
    } finally {
      end();
    }
  };
  // res.end, not res.send: no ETag (a SHA-1 of ~100 KB per VOD refresh) on no-cache answers
  // players never revalidate; the headers are otherwise what res.send wrote.
  const sendPlaylist = (res: Response, body: string | Buffer) => {
    res.status(200).set({
      'Content-Type': `${HLS_TYPE}; charset=utf-8`, 'Cache-Control': 'no-cache', 'Content-Length': String(Buffer.byteLength(body)),
    }).end(body);
  };

  router.get('/master/:channel/*path', (req, res) => timed('master', async () => {
    const channelId = param(req, 'channel');
    const existing = req.query[SESSION_ID_PARAM];
    const start = typeof existing === 'string'
      ? { kind: 'existing' as const, sessionId: existing }
      : {
        kind: 'new' as const,
        facts: {
          playerParams: playerParamsOf(req.query),
          clientIp: clientIpOf(req),
          userAgent: headerOf(req, 'user-agent') ?? '',
          reportingMode: 'server' as const,
          ...(headerOf(req, 'referer') === undefined ? {} : { referer: headerOf(req, 'referer') as string }),
        },
      };
    const { text } = await playback.master(channelId, pathParam(req), start, log(res, { channelId }));
    sendPlaylist(res, text);
  }));

  router.post('/session/:channel/*path', async (req, res) => {
    const channelId = param(req, 'channel');
    const parsed = sessionStartBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw interludeError('REQUEST_INVALID', 'The session start body is invalid.', { issues: issuesContext(issuesFromZod(parsed.error)) });
    }
    const originPath = pathParam(req);
    const referer = headerOf(req, 'referer');
    const session = await playback.startSession(channelId, originPath, {
      playerParams: parsed.data.playerParams ?? {},
      clientIp: clientIpOf(req),
      userAgent: headerOf(req, 'user-agent') ?? '',
      reportingMode: parsed.data.reportingMode ?? 'server',
      ...(referer === undefined ? {} : { referer }),
    }, 'explicit');
    log(res, { channelId, sessionId: session.id }).info({ originPath }, 'session started (explicit)');
    const base = playback.publicBase();
    res.status(200).json({
      sessionId: session.id,
      manifestUrl: `${base}/v1/master/${channelId}/${originPath}?${SESSION_ID_PARAM}=${encodeURIComponent(session.id)}`,
      trackingUrl: `${base}/v1/tracking/${session.id}`,
    });
  });

  router.get('/manifest/:channel/:session/:file', (req, res) => timed('media', async () => {
    const channelId = param(req, 'channel');
    const sessionId = param(req, 'session');
    const m = MEDIA_FILE.exec(param(req, 'file'));
    if (m === null) {
      throw interludeError('SESSION_RENDITION_NOT_FOUND', 'Media playlist names are <n>.m3u8.', { sessionId: sessionId.slice(0, 80), rendition: param(req, 'file').slice(0, 40) });
    }
    const text = await playback.media(channelId, sessionId, Number(m[1]), log(res, { channelId, sessionId }));
    sendPlaylist(res, text);
  }));

  router.get('/segment/:session/:id', (req, res) => timed('segment', async () => {
    const target = await playback.segmentTarget(param(req, 'session'), param(req, 'id'));
    res.status(302).set('Cache-Control', 'no-cache').location(target).end();
  }));

  // Relative to the /v1 mount: SUBTITLE_FILLER_PATH without its '/v1'.
  router.get(SUBTITLE_FILLER_PATH.slice('/v1'.length), (_req, res) => {
    res.status(200).set({ 'Content-Type': 'text/vtt; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }).end(EMPTY_WEBVTT);
  });

  router.get('/tracking/:session', async (req, res) => {
    res.status(200).set('Cache-Control', 'no-cache').json(await playback.tracking(param(req, 'session')));
  });

  return router;
}
