// The whole service in front of real loopback servers for the beacon integration tests and
// the beacon benchmark: demo creatives and VOD origin, a VAST server whose ads ping a beacon
// receiver, and that receiver, whose behaviour each test scripts (ok, 503, hang, down).
// Every session gets a pre-roll (break `offset-0`) of one 10-s ad (5 × 2-s segments).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildApp, type App, type AppDeps } from '../../src/app.js';
import { channelSchema } from '../../src/channels/channel-schema.js';
import { resolveConfig } from '../../src/config/load.js';
import { startDemo, type DemoHandle } from '../../src/demo/index.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { openTestRedis, type TestRedis } from '../support/redis.js';

export type QueueBackend = 'in-process' | 'bullmq';
export type ReceiverMode = 'ok' | 'fail503' | 'hang' | 'down';

export interface Hit {
  readonly event: string;
  readonly sid: string;
  readonly ad: string;
  readonly requestId: string;
  readonly code: string | undefined;
  readonly headers: IncomingMessage['headers'];
  readonly atMs: number;
  /** The answer the receiver gave: 204, or 0 when it failed the request. */
  readonly status: number;
}

export interface BeaconWorld {
  readonly demo: DemoHandle;
  readonly vast: LoopbackServer;
  readonly receiver: LoopbackServer;
  /** Every beacon request that reached the receiver, answered or not. */
  readonly hits: Hit[];
  /** The receiver's behaviour for the next requests. */
  mode: ReceiverMode;
  /** Ads in each VAST answer: the HLS pre-roll, plus (when set) an MP4-only ad that cannot play. */
  withUnplayableAd: boolean;
  /** Accepted beacons, deduped by X-Request-Id (an idempotent receiver's count). */
  accepted(): Hit[];
  close(): Promise<void>;
}

const EVENTS = ['start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'] as const;

export async function startBeaconWorld(): Promise<BeaconWorld> {
  const demo = await startDemo({});
  const hits: Hit[] = [];
  const state = { mode: 'ok' as ReceiverMode, withUnplayableAd: false };
  const receiver = await startLoopbackServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const hit = (status: number): Hit => ({
      event: u.searchParams.get('e') ?? '', sid: u.searchParams.get('sid') ?? '', ad: u.searchParams.get('ad') ?? '',
      requestId: String(req.headers['x-request-id'] ?? ''), code: u.searchParams.get('code') ?? undefined,
      headers: req.headers, atMs: Date.now(), status,
    });
    switch (state.mode) {
      case 'ok':
        hits.push(hit(204));
        res.writeHead(204).end();
        return;
      case 'fail503':
        hits.push(hit(503));
        res.writeHead(503).end();
        return;
      case 'hang':
        hits.push(hit(0));
        return; // never answers: the sender's timeout ends the attempt
      case 'down':
        hits.push(hit(0));
        req.socket.destroy();
        return;
    }
  });
  const vast = await startLoopbackServer((req, res) => {
    const sid = new URL(req.url ?? '/', 'http://x').searchParams.get('sid') ?? '';
    const b = (e: string, ad: string) => `<![CDATA[${receiver.origin}/b?e=${e}&sid=${sid}&ad=${ad}${e === 'error' ? '&code=[ERRORCODE]' : ''}]]>`;
    const tracking = EVENTS.map((e) => `<Tracking event="${e}">${b(e, 'red')}</Tracking>`).join('');
    const red = `<Ad id="red" sequence="1"><InLine><AdSystem>t</AdSystem><AdTitle>red</AdTitle>
      <Impression>${b('impression', 'red')}</Impression><Error>${b('error', 'red')}</Error>
      <Creatives><Creative id="red-c" adId="red"><Linear><Duration>00:00:10</Duration>
      <TrackingEvents>${tracking}</TrackingEvents>
      <MediaFiles><MediaFile delivery="streaming" type="application/x-mpegURL" width="640" height="360"><![CDATA[${demo.originBaseUrl}ads/ad-red/master.m3u8]]></MediaFile></MediaFiles>
      </Linear></Creative></Creatives></InLine></Ad>`;
    const mp4 = `<Ad id="mp4only" sequence="2"><InLine><AdSystem>t</AdSystem><AdTitle>mp4</AdTitle>
      <Impression>${b('impression', 'mp4only')}</Impression><Error>${b('error', 'mp4only')}</Error>
      <Creatives><Creative id="mp4-c" adId="mp4only"><Linear><Duration>00:00:05</Duration>
      <MediaFiles><MediaFile delivery="progressive" type="video/mp4" width="480" height="270"><![CDATA[${demo.originBaseUrl}ads/ad-yellow-mp4.mp4]]></MediaFile></MediaFiles>
      </Linear></Creative></Creatives></InLine></Ad>`;
    res.writeHead(200, { 'content-type': 'application/xml' })
      .end(`<?xml version="1.0"?><VAST version="4.0">${red}${state.withUnplayableAd ? mp4 : ''}</VAST>`);
  });
  return {
    demo, vast, receiver, hits,
    get mode() {
      return state.mode;
    },
    set mode(m) {
      state.mode = m;
    },
    get withUnplayableAd() {
      return state.withUnplayableAd;
    },
    set withUnplayableAd(v) {
      state.withUnplayableAd = v;
    },
    accepted() {
      const seen = new Set<string>();
      return hits.filter((h) => h.status === 204 && !seen.has(h.requestId) && seen.add(h.requestId) !== undefined);
    },
    async close() {
      await Promise.all([vast.close(), receiver.close(), demo.close()]);
    },
  };
}

/** What a player needs of a service: where it is and a GET that does not follow redirects. */
export interface PlayerTarget {
  readonly url: string;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; text: string; location: string | null }>;
}

export interface BeaconService extends PlayerTarget {
  readonly app: App;
  readonly redis: TestRedis | undefined;
  close(): Promise<void>;
}

export interface BeaconServiceOptions {
  /** Overrides of the `beacons` config section. */
  readonly beacons?: Record<string, unknown>;
  readonly deps?: AppDeps;
}

/** The channel every test session plays: the demo VOD without cues, a pre-roll only. */
export const CHANNEL = 'bvod';

export function beaconConfig(world: BeaconWorld, redis: TestRedis | undefined, beacons: Record<string, unknown> = {}) {
  const demoChannel = world.demo.channels.find((c) => c.id === 'demo-vod-nocue');
  return resolveConfig({
    logging: { level: 'silent' },
    server: { port: 0 },
    redis: redis === undefined ? { keyPrefix: 'interlude:' } : { url: redis.url, keyPrefix: redis.prefix },
    // no conditioning: an MP4-only ad is dropped with 403 at once (and no transcode jobs run)
    conditioning: { enabled: false },
    beacons: { backoff: { delayMs: 100, maxDelayMs: 400, jitter: 0 }, attemptTimeoutMs: 1_000, ...beacons },
    channels: [channelSchema.parse({
      ...demoChannel, id: CHANNEL, vodPreroll: true, vodMidrollOffsetsSec: [],
      adDecision: { type: 'vast', url: `${world.vast.origin}/vast?sid=[session.id]`, timeoutMs: 4_000 },
    })],
  }, {});
}

export async function startBeaconService(world: BeaconWorld, backend: QueueBackend, options: BeaconServiceOptions = {}): Promise<BeaconService> {
  const redis = backend === 'bullmq' ? openTestRedis('beacons') : undefined;
  const config = beaconConfig(world, redis, options.beacons);
  const app = await buildApp(config, { defaultMetrics: false, ...(redis === undefined ? {} : { redis: redis.client }), ...options.deps });
  const { url } = await app.listen();
  return {
    app, url, redis,
    async get(path, headers = {}) {
      const res = await fetch(path.startsWith('http') ? path : `${url}${path}`, { redirect: 'manual', headers });
      return { status: res.status, text: await res.text(), location: res.headers.get('location') };
    },
    async close() {
      await app.close();
      await redis?.cleanup();
    },
  };
}

export interface PlayerSession {
  readonly sessionId: string;
  /** Media playlist URLs (rendition 0, 1). */
  readonly media: readonly string[];
  /** Ad segment URLs of the pre-roll, per rendition. */
  readonly adSegments: readonly (readonly string[])[];
}

function uriLines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
}

/** Starts a session (implicit, or explicit with a body) and reads its media playlists. */
export async function openPlayer(svc: PlayerTarget, opts: { explicit?: Record<string, unknown>; headers?: Record<string, string> } = {}): Promise<PlayerSession> {
  const path = `${CHANNEL}/vod-nocue/master.m3u8`;
  let masterUrl = `/v1/master/${path}`;
  if (opts.explicit !== undefined) {
    const r = await fetch(`${svc.url}/v1/session/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...opts.headers }, body: JSON.stringify(opts.explicit) });
    masterUrl = ((await r.json()) as { manifestUrl: string }).manifestUrl;
  }
  const master = await svc.get(masterUrl, opts.headers);
  if (master.status !== 200) throw new Error(`master: ${master.status} ${master.text}`);
  const media = uriLines(master.text);
  const sessionId = /\/v1\/manifest\/[^/]+\/([^/]+)\//.exec(media[0] ?? '')?.[1] ?? '';
  const adSegments: string[][] = [];
  for (const m of media) {
    const text = (await svc.get(m)).text;
    adSegments.push(uriLines(text).filter((u) => u.includes('/v1/segment/')));
  }
  return { sessionId, media, adSegments };
}

/** Waits until `check` holds (polling), or fails with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
