import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Clock } from '../../sessions/clock.js';
import { CONTENT_TYPE, sendText } from '../http-responses.js';
import { DEMO_CONTENT_ID, DEMO_SLATE_ID } from '../media/demo-assets.js';
import { findHlsAsset, findRendition, type DemoHlsAsset, type DemoMediaCatalog } from '../media/media-catalog.js';
import { buildLiveMediaPlaylist } from './live-playlist.js';
import { defaultLiveSchedule, type LiveScheduleConfig } from './live-schedule.js';
import { buildMultivariantPlaylist } from './multivariant-playlist.js';
import { buildVodMediaPlaylist, DEMO_VOD_CUES, type VodCue } from './vod-playlist.js';

export interface DemoOriginOptions {
  readonly mediaDir: string;
  readonly catalog: DemoMediaCatalog;
  readonly clock: Clock;
  /** Live sliding window, in segments (default 6). */
  readonly liveWindowSegments?: number;
  /** Default: one break a minute, alternating CUE-OUT 30 s and DATERANGE 20 s. */
  readonly liveSchedule?: LiveScheduleConfig;
  /** Default: `DEMO_VOD_CUES` (30 s at 30 s, 20 s at 90 s). */
  readonly vodCues?: readonly VodCue[];
}

/** The origin's stream folders; each serves `master.m3u8`, `<rendition>.m3u8`, `<rendition>/seg-NNN.ts`. */
export const DEMO_STREAM_PATHS = {
  live: 'live/master.m3u8',
  vod: 'vod/master.m3u8',
  vodNoCue: 'vod-nocue/master.m3u8',
  slate: 'slate/master.m3u8',
} as const;

type StreamKind = 'live' | 'vod' | 'vod-nocue' | 'asset';

const PLAYLIST_PATH = /^\/(live|vod|vod-nocue|slate|ads\/[a-z0-9-]+)\/([a-z0-9]+)\.m3u8$/;
const SEGMENT_PATH = /^\/(live|vod|vod-nocue|slate|ads\/[a-z0-9-]+)\/([a-z0-9]+\/seg-\d{3}\.ts)$/;
const MP4_PATH = /^\/ads\/([a-z0-9-]+)\.mp4$/;

/**
 * The demo origin: content as VOD (with CUE-OUT cues, and without) and as a simulated live
 * stream, plus the ad creatives and the slate as plain VOD HLS, and the MP4 creative. Files
 * are only served when the catalog lists them, so no request path ever reaches the disk
 * unchecked. Returns false for paths it does not serve.
 */
export function createOriginHandler(opts: DemoOriginOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const content = findHlsAsset(opts.catalog, DEMO_CONTENT_ID);
  const schedule = opts.liveSchedule ?? defaultLiveSchedule(content?.renditions[0]?.segments.length ?? 1, opts.catalog.segmentDurationSec);
  const windowSegments = opts.liveWindowSegments ?? 6;
  const vodCues = opts.vodCues ?? DEMO_VOD_CUES;

  return async (_req, res, url) => {
    const path = url.pathname;
    const playlist = PLAYLIST_PATH.exec(path);
    if (playlist !== null) return servePlaylist(res, playlist[1] ?? '', playlist[2] ?? '');
    const segment = SEGMENT_PATH.exec(path);
    if (segment !== null) return serveSegment(res, segment[1] ?? '', segment[2] ?? '');
    const mp4 = MP4_PATH.exec(path);
    if (mp4 !== null) {
      const asset = opts.catalog.mp4.find((m) => m.id === mp4[1]);
      return asset === undefined ? false : serveFile(res, join(opts.mediaDir, asset.file), CONTENT_TYPE.mp4, 'public, max-age=86400');
    }
    return false;
  };

  function resolveStream(folder: string): { kind: StreamKind; asset: DemoHlsAsset | undefined } {
    switch (folder) {
      case 'live':
      case 'vod':
      case 'vod-nocue':
        return { kind: folder, asset: content };
      case 'slate':
        return { kind: 'asset', asset: findHlsAsset(opts.catalog, DEMO_SLATE_ID) };
      default: {
        const asset = findHlsAsset(opts.catalog, folder.slice('ads/'.length));
        return { kind: 'asset', asset: asset?.kind === 'ad' ? asset : undefined };
      }
    }
  }

  function servePlaylist(res: ServerResponse, folder: string, name: string): boolean {
    const { kind, asset } = resolveStream(folder);
    if (asset === undefined) return false;
    const live = kind === 'live';
    const cache = { 'Cache-Control': live ? 'max-age=1' : 'public, max-age=60' };
    if (name === 'master') {
      sendText(res, 200, CONTENT_TYPE.m3u8, buildMultivariantPlaylist(asset), cache);
      return true;
    }
    const rendition = findRendition(asset, name);
    if (rendition === undefined) return false;
    const body = live
      ? buildLiveMediaPlaylist({ rendition, schedule, nowMs: opts.clock.nowMs(), windowSegments })
      : buildVodMediaPlaylist(rendition, kind === 'vod' ? vodCues : []);
    sendText(res, 200, CONTENT_TYPE.m3u8, body, cache);
    return true;
  }

  async function serveSegment(res: ServerResponse, folder: string, file: string): Promise<boolean> {
    const { asset } = resolveStream(folder);
    if (asset === undefined) return false;
    const listed = asset.renditions.some((r) => r.segments.some((s) => s.file === file));
    if (!listed) return false;
    return serveFile(res, join(opts.mediaDir, asset.id, file), CONTENT_TYPE.ts, 'public, max-age=86400');
  }
}

async function serveFile(res: ServerResponse, file: string, contentType: string, cacheControl: string): Promise<boolean> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return false;
  }
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(size), 'Cache-Control': cacheControl });
  if (res.req.method === 'HEAD') {
    res.end();
    return true;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return true;
}
