// The service under test in front of a loopback origin + VAST server that answer from memory.
// Everything runs in this process: the origin's cost (an HTTP round trip per media playlist
// request) lands on the same event loop as the service's, as it would with a co-located
// origin shield; `fetcher: 'memory'` removes it (what an origin-response cache would save).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { buildApp, type App } from '../../../src/app.js';
import { channelSchema } from '../../../src/channels/channel-schema.js';
import { resolveConfig } from '../../../src/config/load.js';
import { createLogger } from '../../../src/observability/logger.js';
import type { Fetcher, FetchTextResult } from '../../../src/net/fetcher.js';
import type { Clock } from '../../../src/sessions/clock.js';
import { AD_SEC, originDocuments, PATHS, VOD_BREAKS_SEC } from './inputs.js';

export interface Origin {
  /** `http://127.0.0.1:<port>/` */
  readonly base: string;
  readonly docs: ReadonlyMap<string, { body: string; type: string }>;
  requests: number;
  /** Requests per path, for checking who fetched what. */
  readonly byPath: Map<string, number>;
  close(): Promise<void>;
}

export function listenOn(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startOrigin(): Promise<Origin> {
  let docs = new Map<string, { body: string; type: string }>();
  const origin = {
    base: '',
    get docs() {
      return docs;
    },
    requests: 0,
    byPath: new Map<string, number>(),
    close: () => closeServer(server),
  };
  const server = createServer((req, res) => {
    origin.requests++;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    origin.byPath.set(path, (origin.byPath.get(path) ?? 0) + 1);
    const doc = docs.get(path);
    if (doc === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': doc.type, 'content-length': Buffer.byteLength(doc.body) }).end(doc.body);
  });
  server.keepAliveTimeout = 60_000;
  origin.base = `${await listenOn(server)}/`;
  docs = originDocuments(origin.base);
  return origin;
}

/** Answers the origin's documents without a socket: the service's cost without the origin's. */
export function memoryFetcher(origin: Origin): Fetcher {
  return {
    fetchText(url): Promise<FetchTextResult> {
      const doc = url.startsWith(origin.base) ? origin.docs.get(new URL(url).pathname) : undefined;
      if (doc === undefined) return Promise.reject(Object.assign(new TypeError(`memory fetcher: no ${url}`), { code: 'FETCH_HTTP_STATUS' }));
      return Promise.resolve({ status: 200, headers: { 'content-type': doc.type }, body: doc.body, url });
    },
  };
}

export interface ServiceOptions {
  readonly redis?: { readonly client: Redis; readonly prefix: string };
  readonly fetcher?: Fetcher;
  readonly clock?: Clock;
}

export interface BenchService {
  readonly app: App;
  readonly url: string;
  close(): Promise<void>;
}

export async function startBenchService(origin: Origin, opts: ServiceOptions = {}): Promise<BenchService> {
  const adDecision = { type: 'vast' as const, url: `${origin.base}vast?dur=[session.avail_duration_secs]&sid=[session.id]`, timeoutMs: 2_000 };
  const slate = `${origin.base}${PATHS.slateMaster}`;
  const config = resolveConfig({
    // The default level, its lines written (to /dev/null) as they would be to stdout.
    logging: { level: 'info' },
    server: { port: 0, host: '127.0.0.1' },
    redis: { keyPrefix: opts.redis?.prefix ?? 'interlude:' },
    channels: [
      { id: 'bench-live', origin: origin.base, adDecision, slate },
      { id: 'bench-vod', origin: origin.base, adDecision, slate, vodPreroll: false, vodMidrollOffsetsSec: [...VOD_BREAKS_SEC] },
    ].map((c) => channelSchema.parse(c)),
  }, {});
  const app = await buildApp(config, {
    defaultMetrics: false,
    logger: createLogger({ level: config.logging.level, destination: pino.destination({ dest: '/dev/null', sync: true }) }),
    ...(opts.redis === undefined ? {} : { redis: opts.redis.client }),
    ...(opts.fetcher === undefined ? {} : { fetcher: opts.fetcher }),
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
  });
  const { url } = await app.listen();
  return { app, url, close: () => app.close() };
}

export type Stream = 'live' | 'vod';

/** Starts a session and requests its media playlist once (the break is decided and stored). */
export async function warmSession(service: BenchService, stream: Stream): Promise<{ mediaUrl: string; body: string }> {
  const path = stream === 'live' ? `bench-live/${PATHS.liveMaster}` : `bench-vod/${PATHS.vodMaster}`;
  const master = await fetch(`${service.url}/v1/master/${path}`);
  const text = await master.text();
  if (master.status !== 200) throw new TypeError(`master ${path}: ${master.status} ${text.slice(0, 300)}`);
  const media = text.split('\n').find((l) => l.startsWith('/v1/manifest/'));
  if (media === undefined) throw new TypeError(`master ${path}: no media playlist URL in\n${text}`);
  const mediaUrl = `${service.url}${media}`;
  const first = await fetch(mediaUrl);
  const body = await first.text();
  if (first.status !== 200) throw new TypeError(`media ${mediaUrl}: ${first.status} ${body.slice(0, 300)}`);
  const second = await (await fetch(mediaUrl)).text();
  if (second !== body) throw new TypeError(`media ${mediaUrl}: the second answer differs from the first (not deterministic?)`);
  return { mediaUrl, body };
}

/** What the stitched output must show: ads spliced (this many ad segments), for a sanity line. */
export function adSegmentCount(body: string): number {
  return body.split('\n').filter((l) => l.includes('/v1/segment/')).length;
}

export const EXPECTED_AD_SEGMENTS = { live: 5, vod: VOD_BREAKS_SEC.length * (AD_SEC / 6) } as const;

/**
 * PlaybackService.media() called in-process, sequentially, for `durationMs`: the service's
 * own work per refresh (store, decisions, splice, serialize) without HTTP or express.
 */
export async function timeMediaCalls(service: BenchService, mediaUrl: string, durationMs: number): Promise<{ usPerCall: number; calls: number }> {
  const m = /\/v1\/manifest\/([^/]+)\/([^/]+)\/(\d+)\.m3u8$/.exec(mediaUrl);
  if (m === null) throw new TypeError(`not a media playlist URL: ${mediaUrl}`);
  const [, channel = '', sessionId = '', n = '0'] = m;
  const { playback, logger } = service.app.services;
  for (let i = 0; i < 50; i++) await playback.media(channel, sessionId, Number(n), logger);
  let calls = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < durationMs) {
    await playback.media(channel, sessionId, Number(n), logger);
    calls++;
  }
  return { usPerCall: ((performance.now() - t0) * 1000) / calls, calls };
}
