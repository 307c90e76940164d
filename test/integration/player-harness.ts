// Builds the whole service in front of real loopback servers for the player-path integration
// tests: the built-in demo (origin with cues, creatives, slate, VAST ad server) on a clock the
// test steers, a counting VAST proxy, and a "fault origin" whose answers each test scripts.
// One app per backend: the embedded stores, or Redis under a test key prefix. Each app's
// conditioned creatives go to its own temporary store, never the repository's var/creatives.
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHls, type HlsMediaPlaylist } from '../../manifests/index.js';
import { buildApp, type App } from '../../src/app.js';
import { channelSchema, type ChannelInput } from '../../src/channels/channel-schema.js';
import { resolveConfig } from '../../src/config/load.js';
import { startDemo, type DemoHandle } from '../../src/demo/index.js';
import type { Logger } from '../../src/observability/logger.js';
import { startLoopbackServer, type LoopbackServer, type RecordedRequest } from '../support/loopback-server.js';
import { openTestRedis, type TestRedis } from '../support/redis.js';

export type Backend = 'memory' | 'redis';

/** A clock the test moves by hand; starts at wall time. */
export class ManualClock {
  #skewMs = 0;
  #fixedMs: number | undefined;
  nowMs(): number {
    return this.#fixedMs ?? Date.now() + this.#skewMs;
  }
  advance(ms: number): void {
    if (this.#fixedMs !== undefined) this.#fixedMs += ms;
    else this.#skewMs += ms;
  }
  set(ms: number): void {
    this.#fixedMs = ms;
  }
}

export type FaultHandler = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => void | Promise<void>;

/** Demo pieces shared by every app in a file (media generation is cached on disk). */
export interface SharedWorld {
  readonly demo: DemoHandle;
  readonly demoClock: ManualClock;
  /** Counts VAST requests per session (`sid`), then answers with the demo ad server's VAST. */
  readonly vast: LoopbackServer;
  vastHits(sessionId: string): number;
  /** Scripted by tests: `routes.set('/path', handler)`; unknown paths 404. */
  readonly faultOrigin: LoopbackServer;
  readonly routes: Map<string, FaultHandler>;
  /** `vast` request delay (ms) and status for the next requests; reset by tests. */
  vastBehaviour: { delayMs: number; status: number; body?: string };
  close(): Promise<void>;
}

export async function startWorld(): Promise<SharedWorld> {
  const demoClock = new ManualClock();
  const demo = await startDemo({ clock: demoClock });
  const routes = new Map<string, FaultHandler>();
  const world: { vastBehaviour: SharedWorld['vastBehaviour'] } = { vastBehaviour: { delayMs: 0, status: 200 } };
  const vast = await startLoopbackServer(async (req, res) => {
    const { delayMs, status, body } = world.vastBehaviour;
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (res.destroyed) return;
    if (status !== 200) {
      res.writeHead(status).end();
      return;
    }
    if (body !== undefined) {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
      return;
    }
    const upstream = await fetch(new URL(`vast${(req.url ?? '').replace(/^\/vast/, '')}`, demo.originBaseUrl));
    res.writeHead(upstream.status, { 'content-type': 'application/xml' }).end(await upstream.text());
  });
  const faultOrigin = await startLoopbackServer(async (req, res, recorded) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const handler = routes.get(path);
    if (handler === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    await handler(req, res, recorded);
  });
  return {
    demo,
    demoClock,
    vast,
    vastHits: (sid) => vast.requests.filter((r) => new URL(r.url, 'http://x').searchParams.get('sid') === sid).length,
    faultOrigin,
    routes,
    get vastBehaviour() {
      return world.vastBehaviour;
    },
    set vastBehaviour(v) {
      world.vastBehaviour = v;
    },
    async close() {
      await Promise.all([vast.close(), faultOrigin.close(), demo.close()]);
    },
  };
}

export interface TestService {
  readonly app: App;
  /** Its Redis (prefix and client) when on the Redis store: another instance may share it. */
  readonly redis?: TestRedis;
  readonly url: string;
  readonly clock: ManualClock;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; text: string; headers: Headers }>;
  close(): Promise<void>;
}

/** The channels every test app has: the demo's (ads through the counting VAST proxy) and fault ones. */
export function worldChannels(w: SharedWorld): ChannelInput[] {
  const vastUrl = `${w.vast.origin}/vast?dur=[session.avail_duration_secs]&sid=[session.id]`;
  const adDecision = { type: 'vast' as const, url: vastUrl, timeoutMs: 500 };
  const fault = `${w.faultOrigin.origin}/`;
  return [
    ...w.demo.channels.map((c) => ({ ...c, adDecision })),
    { id: 'fault', origin: fault, adDecision, vodPreroll: false },
    { id: 'fault-vod-ads', origin: fault, adDecision, vodPreroll: true, vodMidrollOffsetsSec: [4] },
  ];
}

/** `sharing`: a second instance of the same deployment (same Redis and prefix; that one cleans up). */
export async function startService(w: SharedWorld, backend: Backend, opts: { logger?: Logger; sharing?: TestService; liveCacheMaxMs?: number } = {}): Promise<TestService> {
  let redis: TestRedis | undefined;
  if (opts.sharing?.redis !== undefined) redis = opts.sharing.redis;
  else if (backend === 'redis') redis = openTestRedis('player');
  const ownsRedis = opts.sharing === undefined;
  const storeDir = await mkdtemp(join(tmpdir(), 'interlude-player-creatives-'));
  const clock = new ManualClock();
  const config = resolveConfig({
    logging: { level: 'silent' },
    server: { port: 0 },
    conditioning: { storeDir },
    redis: { keyPrefix: redis?.prefix ?? 'interlude:' },
    // short origin deadline so the timeout cases run quickly; no retry to keep counts exact
    fetch: { originManifest: { maxTimeToFirstByteMs: 400, maxLoadTimeMs: 400, maxBytes: 2 * 1024 * 1024, retry: { maxRetries: 0, retryDelayMs: 0, maxRetryDelayMs: 0, backoff: 'linear' } } },
    // The demo origin's clock is moved by hand, apart from the service's: every refresh must
    // see the move, which the live origin cache would hide (its own test sets a TTL).
    origin: { liveCacheMaxMs: opts.liveCacheMaxMs ?? 0 },
    channels: worldChannels(w).map((c) => channelSchema.parse(c)),
  }, {});
  const app = await buildApp(config, {
    defaultMetrics: false,
    clock,
    ...(redis === undefined ? {} : { redis: redis.client }),
    ...(opts.logger === undefined ? {} : { logger: opts.logger }),
  });
  const { url } = await app.listen();
  return {
    app,
    url,
    clock,
    ...(redis === undefined ? {} : { redis }),
    async get(path, headers = {}) {
      const res = await fetch(path.startsWith('http') ? path : `${url}${path}`, { redirect: 'manual', headers });
      return { status: res.status, text: await res.text(), headers: res.headers };
    },
    async close() {
      try {
        await app.close();
        if (ownsRedis) await redis?.cleanup();
      } finally {
        await rm(storeDir, { recursive: true, force: true });
      }
    },
  };
}

/** A media playlist answer, parsed; throws (failing the test) on anything else. */
export function media(text: string): HlsMediaPlaylist {
  const p = parseHls(text);
  if (!p.ok || p.value.kind !== 'media') throw new Error(`not a media playlist:\n${text}`);
  return p.value;
}

/** Lines of a playlist that are URIs (not tags, not blank). */
export function uriLines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
}

/** Starts a session on `channel/path` and returns its media playlist URLs in order. */
export async function openSession(svc: TestService, channel: string, path: string, query = ''): Promise<{ sessionId: string; media: string[]; master: string }> {
  const res = await svc.get(`/v1/master/${channel}/${path}${query}`);
  if (res.status !== 200) throw new Error(`master ${channel}/${path}: ${res.status} ${res.text}`);
  const media = uriLines(res.text);
  const sessionId = /\/v1\/manifest\/[^/]+\/([^/]+)\//.exec(media[0] ?? '')?.[1] ?? '';
  return { sessionId, media, master: res.text };
}
