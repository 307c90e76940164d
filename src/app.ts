import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, Router } from 'express';
import { Redis } from 'ioredis';
import { ChannelService } from './channels/channel-service.js';
import type { ChannelStore } from './channels/channel-store.js';
import { MemoryChannelStore } from './channels/memory-channel-store.js';
import { RedisChannelStore } from './channels/redis-channel-store.js';
import { listenHost, type InterludeConfig } from './config/index.js';
import { createHttpApp } from './http/create-http-app.js';
import type { IdempotencyStore } from './http/idempotency/idempotency-store.js';
import { MemoryIdempotencyStore } from './http/idempotency/memory-idempotency-store.js';
import { RedisIdempotencyStore } from './http/idempotency/redis-idempotency-store.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { createReadiness, type ReadinessRegistry } from './observability/readiness.js';

/** Time as the service sees it; tests inject a fake. Epoch milliseconds. */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

export interface AppDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** A Redis client to use instead of opening one from `config.redis.url`; the caller closes it. */
  readonly redis?: Redis;
  /** Process metrics on /metrics (default true); tests building many apps turn them off. */
  readonly defaultMetrics?: boolean;
  /** EXTENSION POINT: the player routes, mounted at /v1 (see CreateHttpAppOptions.playerRouter). */
  readonly playerRouter?: Router;
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
}

export interface Listening {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

export interface App {
  readonly http: Express;
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
  if (redis !== undefined) {
    channelStore = new RedisChannelStore({ redis, keyPrefix: prefix });
    idempotency = new RedisIdempotencyStore(redis, prefix);
    // a rejected or late PING fails the check; content still plays, so only readiness says so
    readiness.register('redis', async () => {
      await redis.ping();
    });
  } else {
    channelStore = new MemoryChannelStore();
    idempotency = new MemoryIdempotencyStore(() => clock.nowMs());
  }

  const channels = new ChannelService({ store: channelStore, clock, logger });
  const services: AppServices = { config, clock, logger, metrics, readiness, redis, channelStore, channels, idempotency };

  const http = createHttpApp({
    services,
    bodyLimitBytes: config.server.bodyLimitBytes,
    idempotencyTtlMs: config.controlPlane.idempotencyTtlSec * 1000,
    ...(config.controlPlane.apiKey === undefined ? {} : { apiKey: config.controlPlane.apiKey }),
    ...(deps.playerRouter === undefined ? {} : { playerRouter: deps.playerRouter }),
  });

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
        const s = http.listen(config.server.port, host);
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
      if (ownsRedis && redis !== undefined) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
