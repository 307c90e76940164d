import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoLogger } from '../demo-logger.js';
import { CONTENT_TYPE, sendError, sendJson, sendText } from '../http-responses.js';
import type { DemoMediaCatalog } from '../media/media-catalog.js';
import type { BeaconSink } from './beacon-sink.js';
import { selectPod, type DemoCreative } from './pod-selection.js';
import { buildVastPod, type DemoBeaconEvent, type VastMediaFile, type VastPodAd } from './vast-document.js';

export interface AdServerOptions {
  readonly catalog: DemoMediaCatalog;
  /** `http://host:port` (no trailing slash) that the VAST's absolute URLs start with. */
  readonly baseUrl: () => string;
  readonly beacons: BeaconSink;
  readonly logger: DemoLogger;
  /** Waits `ms` (the `delayMs` knob); injectable so tests need not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Upper bounds of the request knobs, so a typo cannot hold a socket for an hour. */
const MAX_DURATION_SEC = 600;
const MAX_DELAY_MS = 10_000;

/**
 * The demo VAST ad server and its beacon sink:
 *
 * - `GET /vast?dur=<s>[&sid=<id>][&mp4=0][&delayMs=<ms>][&status=<code>]` answers a VAST 4 pod
 *   that fits `dur` (see `selectPod`). `delayMs` answers late and `status` answers with that
 *   HTTP status instead, to exercise deadlines and failure handling.
 * - `GET /beacon?e=<event>&ad=<id>&sid=<id>&pos=<n>` records the hit and answers 204.
 * - `GET /beacons[?sid=&ad=&e=]` lists recorded hits as JSON; `DELETE /beacons` clears them.
 *
 * Returns false for paths it does not serve.
 */
export function createAdServerHandler(opts: AdServerOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const creatives = demoCreatives(opts.catalog);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return async (req, res, url) => {
    switch (url.pathname) {
      case '/vast':
        await answerVast(req, res, url);
        return true;
      case '/beacon':
        recordBeacon(req, res, url);
        return true;
      case '/beacons':
        if (req.method === 'DELETE') {
          opts.beacons.clear();
          res.writeHead(204).end();
        } else {
          sendJson(res, 200, { hits: opts.beacons.list(beaconFilter(url)) });
        }
        return true;
      default:
        return false;
    }
  };

  async function answerVast(_req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const q = url.searchParams;
    const dur = Number(q.get('dur'));
    if (!q.has('dur') || !Number.isFinite(dur) || dur < 0 || dur > MAX_DURATION_SEC) {
      sendError(res, 400, 'REQUEST_INVALID', `dur must be a number of seconds in [0, ${MAX_DURATION_SEC}]`);
      return;
    }
    const delayMs = Math.min(MAX_DELAY_MS, Math.max(0, Number(q.get('delayMs') ?? 0) || 0));
    if (delayMs > 0) await sleep(delayMs);
    const status = Number(q.get('status') ?? 200);
    if (status !== 200 && status >= 400 && status <= 599) {
      sendError(res, status, 'DEMO_AD_SERVER_FAULT', `fault injected by status=${status}`);
      return;
    }
    const sid = q.get('sid') ?? '';
    const pod = selectPod(creatives, dur, { includeMp4: q.get('mp4') !== '0' });
    const base = opts.baseUrl();
    const ads: VastPodAd[] = pod.map((c) => ({ creative: c, mediaFile: mediaFileOf(c, base) }));
    const body = buildVastPod({
      ads,
      servingId: sid === '' ? 'demo' : sid,
      beaconUrl: (event, ad, seq) => beaconUrl(base, event, ad, sid, seq),
    });
    opts.logger.info({ dur, sid, ads: pod.map((c) => c.id) }, 'demo ad server: pod');
    sendText(res, 200, CONTENT_TYPE.xml, body, { 'Cache-Control': 'no-store' });
  }

  function recordBeacon(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    opts.beacons.record({
      event: q.get('e') ?? '',
      adId: q.get('ad') ?? '',
      sessionId: q.get('sid') ?? '',
      position: q.get('pos') ?? '',
      query: Object.fromEntries(q.entries()),
      ...header(req, 'x-device-ip', 'deviceIp'),
      ...header(req, 'x-device-user-agent', 'deviceUserAgent'),
      ...header(req, 'user-agent', 'userAgent'),
    });
    res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
  }

  function mediaFileOf(c: DemoCreative, base: string): VastMediaFile {
    if (c.delivery === 'mp4') {
      const m = opts.catalog.mp4.find((a) => a.id === c.id);
      return { url: `${base}/ads/${c.id}.mp4`, delivery: 'progressive', type: 'video/mp4', width: m?.width ?? 0, height: m?.height ?? 0, bitrateKbps: Math.round((m?.bitrate ?? 0) / 1000) };
    }
    const top = opts.catalog.hls.find((a) => a.id === c.id)?.renditions[0];
    return { url: `${base}/ads/${c.id}/master.m3u8`, delivery: 'streaming', type: 'application/x-mpegURL', width: top?.width ?? 0, height: top?.height ?? 0, bitrateKbps: Math.round((top?.bandwidth ?? 0) / 1000) };
  }
}

/** The catalog's ads as creatives the pod selection can pick from. */
export function demoCreatives(catalog: DemoMediaCatalog): DemoCreative[] {
  return [
    ...catalog.hls.filter((a) => a.kind === 'ad').map((a): DemoCreative => ({ id: a.id, title: a.title, durationSec: a.durationSec, delivery: 'hls' })),
    ...catalog.mp4.map((a): DemoCreative => ({ id: a.id, title: a.title, durationSec: a.durationSec, delivery: 'mp4' })),
  ];
}

function beaconUrl(base: string, event: DemoBeaconEvent, ad: DemoCreative, sid: string, seq: number): string {
  const q = new URLSearchParams({ e: event, ad: ad.id, sid, pos: String(seq) });
  // [ERRORCODE] must stay literal (unencoded) so VAST clients recognise and expand the macro.
  return `${base}/beacon?${q.toString()}${event === 'error' ? '&code=[ERRORCODE]' : ''}`;
}

function beaconFilter(url: URL): { sessionId?: string; adId?: string; event?: string } {
  const q = url.searchParams;
  return {
    ...(q.has('sid') ? { sessionId: q.get('sid') ?? '' } : {}),
    ...(q.has('ad') ? { adId: q.get('ad') ?? '' } : {}),
    ...(q.has('e') ? { event: q.get('e') ?? '' } : {}),
  };
}

function header<K extends string>(req: IncomingMessage, name: string, key: K): Partial<Record<K, string>> {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? {} : ({ [key]: s } as Partial<Record<K, string>>);
}
