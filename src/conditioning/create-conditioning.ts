/**
 * Builds the service side of conditioning from config (called by the composition root and by
 * `interlude worker`): the CreativeResolver decisioning uses, the API's status view, the
 * store's directory and URLs, and, separately, the queue processor (`registerConditioningWorker`)
 * a process runs when it is a worker (the embedded default runs it in the service process).
 */
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import {
  CONDITION_JOB_NAME, createFfprobeProber, createFluentRunner, createFsCreativeStore, type CreativeStore,
} from '../../transcode/index.js';
import type { InterludeConfig } from '../config/index.js';
import type { Channel } from '../channels/channel-schema.js';
import { resolveFfmpegBinaries, type FfmpegBinaries } from '../demo/media/ffmpeg-binaries.js';
import type { Fetcher } from '../net/fetcher.js';
import type { Logger } from '../observability/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Clock } from '../sessions/clock.js';
import { createConditionHandler } from './condition-processor.js';
import { createConditioningMetrics, type ConditioningMetrics } from './conditioning-metrics.js';
import { ConditioningService } from './conditioning-service.js';
import { ContentLadders } from './content-ladders.js';
import { MemoryCreativeCatalog, RedisCreativeCatalog, type CreativeCatalog } from './creative-catalog.js';
import { CreativeStatus } from './creative-status.js';
import { createGuardedDownloader } from './guarded-downloader.js';
import { readStoreFile, storeBaseUrl, storeDirOf } from './store-paths.js';

export interface Conditioning {
  /** Injected into ad sources as `SourceDeps.creatives`. */
  readonly resolver: ConditioningService;
  /** `GET /api/v1/creatives[/:id]`. */
  readonly status: CreativeStatus;
  /** The filesystem store's root, served under `/creatives` (unless a CDN base URL is set). */
  readonly storeDir: string;
  /** Serve `storeDir` ourselves: false when `conditioning.publicBaseUrl` points at a CDN. */
  readonly servesStore: boolean;
  /** Conditioned playlists by their service-relative URL, for the player path. */
  readonly readPlaylist: (url: string) => Promise<string | undefined>;
  readonly metrics: ConditioningMetrics;
}

export interface CreateConditioningOptions {
  readonly config: InterludeConfig;
  readonly queue: JobQueue;
  readonly fetcher: Fetcher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly channels: { find(id: string): Promise<Channel | undefined> };
  readonly redis?: Redis;
  readonly binaries?: FfmpegBinaries;
}

export function createConditioning(o: CreateConditioningOptions): Conditioning {
  const c = o.config.conditioning;
  const storeDir = storeDirOf(c);
  const store = createFsCreativeStore({ rootDir: storeDir, baseUrl: storeBaseUrl(c) });
  const metrics = createConditioningMetrics(o.registry);
  const logger = o.logger.child({ component: 'conditioning' });
  const binaries = o.binaries ?? resolveFfmpegBinaries();
  const runner = createFluentRunner({ ffmpegPath: binaries.ffmpegPath, timeoutMs: 60_000 });
  const ladders = new ContentLadders({
    fetcher: o.fetcher, policy: o.config.fetch.originManifest, clock: o.clock, logger, ttlMs: c.ladderTtlSec * 1000, preset: c.preset,
    probe: { prober: createFfprobeProber({ ffprobePath: binaries.ffprobePath, runner }), downloader: createGuardedDownloader(), maxBytes: 50 * 1024 * 1024, timeoutMs: 10_000 },
  });
  const catalog: CreativeCatalog = o.redis === undefined ? new MemoryCreativeCatalog() : new RedisCreativeCatalog(o.redis, o.config.redis.keyPrefix);
  const resolver = new ConditioningService({
    queue: o.queue, ladders, catalog, channels: o.channels, store, metrics, clock: o.clock, logger,
    attempts: c.attempts, retryDelayMs: c.retryDelayMs,
    limits: { maxBytes: c.maxSourceBytes, downloadTimeoutMs: c.downloadTimeoutMs, ffmpegTimeoutMs: c.ffmpegTimeoutMs },
  });
  return {
    resolver,
    status: new CreativeStatus({ catalog, queue: o.queue, store }),
    storeDir,
    servesStore: c.publicBaseUrl === undefined,
    readPlaylist: (url) => readStoreFile(storeDir, url),
    metrics,
  };
}

export interface ConditioningWorkerOptions {
  readonly config: InterludeConfig;
  readonly queue: JobQueue;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly binaries?: FfmpegBinaries;
  /** Overrides (tests): e.g. a downloader with a short timeout. */
  readonly store?: CreativeStore;
}

export interface ConditioningWorker {
  /** Aborts running jobs (ffmpeg killed; each is retried later), before the queue closes. */
  stop(): void;
}

/** Registers the conditioning processor on `queue` with `conditioning.concurrency`. */
export async function registerConditioningWorker(o: ConditioningWorkerOptions): Promise<ConditioningWorker> {
  const c = o.config.conditioning;
  const binaries = o.binaries ?? resolveFfmpegBinaries();
  const runner = createFluentRunner({ ffmpegPath: binaries.ffmpegPath, timeoutMs: c.ffmpegTimeoutMs });
  const abort = new AbortController();
  const logger = o.logger.child({ component: 'conditioning-worker' });
  const handler = createConditionHandler({
    runner,
    prober: createFfprobeProber({ ffprobePath: binaries.ffprobePath, runner }),
    store: o.store ?? createFsCreativeStore({ rootDir: storeDirOf(c), baseUrl: storeBaseUrl(c) }),
    downloader: createGuardedDownloader(),
    logger,
    metrics: createConditioningMetrics(o.registry),
    signal: abort.signal,
  });
  await o.queue.process(CONDITION_JOB_NAME, handler, { concurrency: c.concurrency });
  logger.info({ concurrency: c.concurrency, storeDir: storeDirOf(c) }, 'conditioning worker registered');
  return { stop: () => abort.abort() };
}
