import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router as expressRouter, type Router } from 'express';
import { Redis } from 'ioredis';
import { ChannelService } from './channels/channel-service.js';
import type { ChannelStore } from './channels/channel-store.js';
import { MemoryChannelStore } from './channels/memory-channel-store.js';
import { RedisChannelStore } from './channels/redis-channel-store.js';
import { listenHost, type InterludeConfig } from './config/index.js';
import { createHttpApp } from './http/create-http-app.js';
import { withPlayerLane } from './http/player-lane.js';
import type { IdempotencyStore } from './http/idempotency/idempotency-store.js';
import { MemoryIdempotencyStore } from './http/idempotency/memory-idempotency-store.js';
import { RedisIdempotencyStore } from './http/idempotency/redis-idempotency-store.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import type { DecisionStore } from './decisioning/decision-store/decision-store.js';
import { MemoryDecisionStore } from './decisioning/decision-store/memory-decision-store.js';
import { RedisDecisionStore } from './decisioning/decision-store/redis-decision-store.js';
import { createPlayerRouter } from './http/routes/player/player-router.js';
import { createPlayback } from './manifest-service/create-playback.js';
import type { AdSegmentHook, PlaybackService } from './manifest-service/playback-service.js';
import { createUndiciFetcher, type ClosableFetcher, type Fetcher } from './net/fetcher.js';
import { createReadiness, type ReadinessRegistry } from './observability/readiness.js';
import { systemClock, type Clock } from './sessions/clock.js';
import { MemoryKeyspace } from './sessions/memory-keyspace.js';
import { MemorySessionStore } from './sessions/memory-session-store.js';
import { RedisSessionStore } from './sessions/redis-session-store.js';
import type { SessionService } from './sessions/session-service.js';
import type { SessionStore } from './sessions/session-store.js';
import { BullMqJobQueue } from './queue/bullmq-queue.js';
import { InProcessJobQueue } from './queue/in-process-queue.js';
import type { JobQueue } from './queue/job-queue.js';
import { createConditioning, registerConditioningWorker, type Conditioning, type ConditioningWorker } from './conditioning/create-conditioning.js';
import { BeaconWinLossNotifier, createBeaconServices, registerBeaconWorker, type BeaconServices } from './beacons/wiring/index.js';
import { RedisFrequencyCapStore } from './decisioning/sources/openrtb/redis-frequency-cap-store.js';
import { createBeaconRouter } from './http/routes/beacons/beacon-routes.js';

// The service's one Clock (epoch ms), injected everywhere; tests pass a fake.
export { systemClock, type Clock } from './sessions/clock.js';

export interface AppDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** A Redis client to use instead of opening one from `config.redis.url`; the caller closes it. */
  readonly redis?: Redis;
  /** Process metrics on /metrics (default true); tests building many apps turn them off. */
  readonly defaultMetrics?: boolean;
  /** Replaces the player routes built here (mounted at /v1; see CreateHttpAppOptions.playerRouter). */
  readonly playerRouter?: Router;
  /** Outbound HTTP for origin, creatives and ad sources; default an undici pool the app owns. */
  readonly fetcher?: Fetcher;
  /** [0, 1) for cache-busting ad request macros; default Math.random. */
  readonly random?: () => number;
  /** Session ids; default newSessionId() (sessions/session-service.ts). */
  readonly newSessionId?: () => string;
  /** Called on every ad media segment request; replaces the server-side beacon firing. */
  readonly onAdSegmentRequest?: AdSegmentHook;
  /** The queue for background jobs (beacons, conditioning); the caller closes it. */
  readonly jobQueue?: JobQueue;
}

/** Every component the app built; the lead wires sessions, decisioning and beacons in here. */
export interface AppServices {
  readonly config: InterludeConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly readiness: ReadinessRegistry;
  readonly redis: Redis | undefined;
  readonly channelStore: ChannelStore;
  readonly channels: ChannelService;
  readonly idempotency: IdempotencyStore;
  readonly sessionStore: SessionStore;
  readonly decisionStore: DecisionStore;
  readonly sessions: SessionService;
  readonly playback: PlaybackService;
  /** In-process without Redis; BullMQ (durable, shared by instances and workers) with it. */
  readonly jobQueue: JobQueue;
  /** Ad conditioning (MP4-only ads → the channel's HLS ladder); undefined when `conditioning.enabled` is false. */
  readonly conditioning: Conditioning | undefined;
  /** Server-side beacons: firing hooks, dispatcher, ledger (src/beacons/wiring). */
  readonly beacons: BeaconServices;
}

export interface Listening {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

export interface App {
  /** The request listener: the player lane (media playlists, segment redirects) in front of the express app. */
  readonly http: RequestListener;
  readonly services: AppServices;
  /** Listens on the configured port, on 127.0.0.1 when no API key is set (see config/listen-host.ts). */
  listen(): Promise<Listening>;
  /** Stops accepting requests, lets in-flight ones finish (bounded), closes what the app opened. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 10_000;

/**
 * The composition root (STYLE §13): builds every component from config and injects its
 * dependencies. Without `config.redis.url` (and no `deps.redis`) everything lives in the
 * process; with it, channels and idempotency records live in Redis and /readyz pings it.
 * Config-file channels are written to the channel store before this resolves.
 */
export async function buildApp(config: InterludeConfig, deps: AppDeps = {}): Promise<App> {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger({ level: config.logging.level });
  const metrics = createMetrics({ defaultMetrics: deps.defaultMetrics ?? true });
  const readiness = createReadiness();

  const ownsRedis = deps.redis === undefined && config.redis.url !== undefined;
  const redis = deps.redis ?? (config.redis.url === undefined ? undefined : new Redis(config.redis.url, { maxRetriesPerRequest: 1 }));
  const prefix = config.redis.keyPrefix;

  let channelStore: ChannelStore;
  let idempotency: IdempotencyStore;
  let sessionStore: SessionStore;
  let decisionStore: DecisionStore;
  if (redis !== undefined) {
    channelStore = new RedisChannelStore({ redis, keyPrefix: prefix });
    idempotency = new RedisIdempotencyStore(redis, prefix);
    sessionStore = new RedisSessionStore(redis, { prefix });
    // the pending-decision marker must outlive the slowest source's deadline
    decisionStore = new RedisDecisionStore(redis, { prefix, clock, lockTtlMs: Math.max(5_000, config.decisioning.defaultTimeoutMs + 3_000) });
    // a rejected or late PING fails the check; content still plays, so only readiness says so
    readiness.register('redis', async () => {
      await redis.ping();
    });
  } else {
    channelStore = new MemoryChannelStore();
    idempotency = new MemoryIdempotencyStore(() => clock.nowMs());
    // one keyspace for both, so touching a session refreshes its decisions (as in Redis)
    const keyspace = new MemoryKeyspace({ clock });
    sessionStore = new MemorySessionStore(keyspace);
    decisionStore = new MemoryDecisionStore(keyspace);
  }

  const channels = new ChannelService({ store: channelStore, clock, logger });
  const ownsQueue = deps.jobQueue === undefined;
  const jobQueue = deps.jobQueue ?? (config.redis.url === undefined
    ? new InProcessJobQueue({ nowMs: () => clock.nowMs() })
    : new BullMqJobQueue({ redisUrl: config.redis.url, prefix: `${prefix}bull`, onError: (e) => logger.warn({ err: e }, 'job queue error') }));
  let ownedFetcher: ClosableFetcher | undefined;
  const fetcher = deps.fetcher ?? (ownedFetcher = createUndiciFetcher({ userAgent: 'interlude' }));
  const beacons = createBeaconServices({
    beacons: config.beacons, jobQueue, sessionStore, metrics, logger, nowMs: () => clock.nowMs(),
    ...(redis === undefined ? {} : { redis, keyPrefix: prefix }),
    ledgerTtlMs: config.sessions.idleTtlSec * 1000,
  });
  const conditioning = config.conditioning.enabled
    ? createConditioning({ config, queue: jobQueue, fetcher, clock, logger, registry: metrics.registry, channels, ...(redis === undefined ? {} : { redis }) })
    : undefined;
  const winLossNotifier = new BeaconWinLossNotifier({
    enqueuer: beacons.dispatcher, nowMs: () => clock.nowMs(),
    onError: (e, n) => logger.warn({ err: e, bidder: n.bidder, bidId: n.bidId, kind: n.kind }, 'win/loss notice not queued; it is lost'),
  });
  const { playback, sessions } = createPlayback({
    config, channels, sessionStore, decisionStore, fetcher, clock, metrics, logger,
    ...(conditioning === undefined ? {} : { creatives: conditioning.resolver, readLocalPlaylist: conditioning.readPlaylist }),
    random: deps.random ?? Math.random,
    ...(deps.newSessionId === undefined ? {} : { newSessionId: deps.newSessionId }),
    onAdSegmentRequest: deps.onAdSegmentRequest ?? beacons.firing.onAdSegment,
    onPlaylistPlanned: beacons.plans.hook,
    onPodDecided: beacons.firing.onPodDecided,
    sourceExtras: {
      notifier: winLossNotifier,
      // Without Redis the OpenRTB source keeps counts in this process (its shared memory store).
      ...(redis === undefined ? {} : {
        frequencyCapStore: new RedisFrequencyCapStore(redis, { prefix, onError: (e, op) => logger.warn({ err: e, op }, 'frequency cap store failed; capping is off for this decision') }),
      }),
    },
  });
  const playerRouter = deps.playerRouter ?? expressRouter().use(
    createPlayerRouter({ playback, metrics, logger }),
    createBeaconRouter({ ledger: beacons.ledger, sessionStore }),
  );
  const services: AppServices = {
    config, clock, logger, metrics, readiness, redis, channelStore, channels, idempotency,
    sessionStore, decisionStore, sessions, playback, jobQueue, beacons, conditioning,
  };
  // The embedded default transcodes in this process (concurrency from config, 1 by default);
  // with `conditioning.embeddedWorker: false` only `interlude worker` processes do.
  let conditioningWorker: ConditioningWorker | undefined;
  if (conditioning !== undefined && config.conditioning.embeddedWorker) {
    conditioningWorker = await registerConditioningWorker({ config, queue: jobQueue, logger, registry: metrics.registry });
  }
  // Embedded: the in-process queue only has this process to run its jobs. With Redis, `npm
  // start` delivers too (a single instance works) unless workers are meant to do it alone.
  if (redis === undefined || config.beacons.runWorkerInService) await registerBeaconWorker(services);

  const expressApp = createHttpApp({
    services,
    bodyLimitBytes: config.server.bodyLimitBytes,
    idempotencyTtlMs: config.controlPlane.idempotencyTtlSec * 1000,
    ...(config.controlPlane.apiKey === undefined ? {} : { apiKey: config.controlPlane.apiKey }),
    playerRouter,
  });
  // A replaced player router (tests) owns the lane's routes too.
  const http = deps.playerRouter === undefined ? withPlayerLane(expressApp, { playback, metrics, logger }) : expressApp;

  let server: Server | undefined;
  try {
    await channels.seed(config.channels);
  } catch (e) {
    if (ownsRedis) redis?.disconnect();
    throw e;
  }

  return {
    http,
    services,
    listen() {
      const { host, forcedReason } = listenHost(config);
      if (forcedReason !== undefined) logger.warn({ configuredHost: config.server.host, host }, forcedReason);
      return new Promise<Listening>((resolve, reject) => {
        const s = createServer(http).listen(config.server.port, host);
        s.once('error', reject);
        s.once('listening', () => {
          server = s;
          const addr = s.address() as AddressInfo;
          const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          resolve({ server: s, host: addr.address, port: addr.port, url: `http://${shownHost}:${addr.port}` });
        });
      });
    },
    async close() {
      if (server !== undefined) {
        const s = server;
        server = undefined;
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => s.closeAllConnections(), CLOSE_GRACE_MS);
          force.unref();
          s.close(() => {
            clearTimeout(force);
            resolve();
          });
          s.closeIdleConnections();
        });
      }
      // fired beacons and win/loss notices reach the queue first; the sender closes after the handlers finished
      await Promise.all([beacons.firing.drain(), winLossNotifier.drain()]);
      conditioningWorker?.stop();
      if (ownsQueue) await jobQueue.close();
      await beacons.close();
      await sessionStore.close();
      await decisionStore.close();
      await ownedFetcher?.close();
      if (ownsRedis && redis !== undefined) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
