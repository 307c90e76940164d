// The whole service with conditioning on, in front of the demo world (player-harness.ts):
// real ffmpeg, a temp creative store, the ultrafast preset, short retries. One app per
// backend: 'memory' (in-process queue, embedded worker) or 'redis' (BullMQ on the test
// Redis under a fresh key prefix; the app runs the worker unless told not to).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../src/app.js';
import { channelSchema, type ChannelInput } from '../../src/channels/channel-schema.js';
import { resolveConfig } from '../../src/config/load.js';
import type { CreativeView } from '../../src/conditioning/creative-status.js';
import { openTestRedis, type TestRedis } from '../support/redis.js';
import { uriLines } from './player-harness.js';

export type QueueBackend = 'in-process' | 'bullmq';

export interface ConditioningService {
  readonly app: App;
  readonly url: string;
  readonly storeDir: string;
  readonly prefix: string;
  get(path: string): Promise<{ status: number; text: string; headers: Headers }>;
  creatives(): Promise<CreativeView[]>;
  /** Polls the API until every listed creative is settled (ready/failed) or `timeoutMs`. */
  waitSettled(count: number, timeoutMs?: number): Promise<CreativeView[]>;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly channels: readonly ChannelInput[];
  /** Shared store / Redis prefix (two instances of one deployment). */
  readonly storeDir?: string;
  readonly redis?: TestRedis;
  readonly embeddedWorker?: boolean;
  readonly conditioning?: Record<string, unknown>;
}

export async function tempStore(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'interlude-creatives-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function startConditioningService(backend: QueueBackend, o: StartOptions): Promise<ConditioningService> {
  const ownStore = o.storeDir === undefined ? await tempStore() : undefined;
  const storeDir = o.storeDir ?? ownStore?.dir ?? '';
  const ownRedis = backend === 'bullmq' && o.redis === undefined ? openTestRedis('cond') : undefined;
  const redis = o.redis ?? ownRedis;
  const config = resolveConfig({
    logging: { level: 'silent' },
    server: { port: 0 },
    redis: { keyPrefix: redis?.prefix ?? 'interlude:', ...(backend === 'bullmq' && redis !== undefined ? { url: redis.url } : {}) },
    conditioning: { storeDir, preset: 'ultrafast', attempts: 2, retryDelayMs: 100, downloadTimeoutMs: 1_500, embeddedWorker: o.embeddedWorker ?? true, ...o.conditioning },
    // the tests move the live origin's clock by hand: every refresh must see the move
    origin: { liveCacheMaxMs: 0 },
    channels: o.channels.map((c) => channelSchema.parse(c)),
  }, {});
  const app = await buildApp(config, { defaultMetrics: false });
  const { url } = await app.listen();
  const get = async (path: string) => {
    const res = await fetch(path.startsWith('http') ? path : `${url}${path}`, { redirect: 'manual' });
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
  const creatives = async () => (JSON.parse((await get('/api/v1/creatives')).text) as { creatives: CreativeView[] }).creatives;
  return {
    app, url, storeDir, prefix: redis?.prefix ?? '',
    get,
    creatives,
    async waitSettled(count, timeoutMs = 40_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const list = await creatives();
        if (list.length >= count && list.every((c) => c.status === 'ready' || c.status === 'failed')) return list;
        if (Date.now() > until) throw new Error(`creatives not settled in ${timeoutMs} ms: ${JSON.stringify(list.map((c) => [c.adId, c.status, c.progressPercent, c.lastError]))}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async close() {
      await app.close();
      await ownRedis?.cleanup();
      await ownStore?.cleanup();
    },
  };
}

/** Starts a session and returns every media playlist's text (one refresh each). */
export async function playOnce(svc: ConditioningService, channel: string, path: string): Promise<{ sessionId: string; playlists: string[] }> {
  const master = await svc.get(`/v1/master/${channel}/${path}`);
  if (master.status !== 200) throw new Error(`master: ${master.status} ${master.text}`);
  const media = uriLines(master.text);
  const sessionId = /\/v1\/manifest\/[^/]+\/([^/]+)\//.exec(media[0] ?? '')?.[1] ?? '';
  const playlists: string[] = [];
  for (const m of media) {
    const r = await svc.get(m);
    if (r.status !== 200) throw new Error(`media ${m}: ${r.status} ${r.text}`);
    playlists.push(r.text);
  }
  return { sessionId, playlists };
}

/** Where each ad segment of a playlist redirects (the 302 Location), in order. */
export async function adSegmentTargets(svc: ConditioningService, playlist: string): Promise<string[]> {
  const out: string[] = [];
  for (const line of uriLines(playlist).filter((l) => l.includes('/v1/segment/'))) {
    const r = await svc.get(line);
    if (r.status !== 302) throw new Error(`segment ${line}: ${r.status} ${r.text}`);
    out.push(r.headers.get('location') ?? '');
  }
  return out;
}

export async function metricValue(svc: ConditioningService, name: string, labels: string): Promise<number> {
  const text = (await svc.get('/metrics')).text;
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}
