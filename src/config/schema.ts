import { z } from 'zod';
// The channel schema is plain data validation (zod only, no I/O); config validates the
// file's channels with it so that every problem, channels included, is listed at startup.
import { channelSchema } from '../channels/channel-schema.js';
import { fetchPoliciesSchema } from './fetch-policy.js';

/**
 * The service's configuration, one zod schema per area composed below (STYLE §11). Every
 * object is strict: an unknown option is a reported error, so a typo never silently falls
 * back to a default. Defaults live in `defaults.ts`, not here.
 */

export const serverConfigSchema = z.strictObject({
  /** Interface to listen on. Without an API key the service forces 127.0.0.1 (see listen-host.ts). */
  host: z.string().min(1),
  port: z.number().int().min(0).max(65_535),
  /** Base of absolute URLs handed to players (behind a CDN or load balancer); request host when unset. */
  publicBaseUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
  /** Largest JSON request body accepted. */
  bodyLimitBytes: z.number().int().positive().max(16 * 1024 * 1024),
});

export const controlPlaneConfigSchema = z.strictObject({
  /** When set, /api/v1 requires `Authorization: Bearer <apiKey>`; when unset the service binds to loopback only. */
  apiKey: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  /** How long an Idempotency-Key's first answer is kept and replayed. */
  idempotencyTtlSec: z.number().int().positive(),
});

export const originConfigSchema = z.strictObject({
  /** How long the last good live playlist may be served while the origin fails, before 502. */
  staleLivePlaylistMaxAgeMs: z.number().int().min(0),
  /**
   * A live origin playlist is reused for up to this long, and never longer than half its
   * target duration; 0 fetches it on every player request. VOD playlists are always fetched.
   */
  liveCacheMaxMs: z.number().int().min(0).max(60_000),
});

export const decisioningConfigSchema = z.strictObject({
  /** Deadline for a source when its channel sets none. */
  defaultTimeoutMs: z.number().int().min(50).max(30_000),
  /** VAST wrappers followed before giving up on an ad. */
  maxWrapperDepth: z.number().int().min(0).max(10),
});

export const sessionsConfigSchema = z.strictObject({
  /** A session with no request for this long is forgotten. */
  idleTtlSec: z.number().int().positive(),
});

export const redisConfigSchema = z.strictObject({
  /** When set, sessions, decisions, channels and idempotency records live in Redis. */
  url: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  /** Prefix of every key the service writes, so several deployments can share a Redis. */
  keyPrefix: z.string(),
});

export const beaconConfigSchema = z.strictObject({
  /** One delivery attempt, connect to the end of the response. */
  attemptTimeoutMs: z.number().int().min(100).max(60_000),
  /** Retries stop this long after the event (a tracker down for longer has lost the data anyway). */
  retryWindowMs: z.number().int().min(1_000).max(7 * 24 * 60 * 60 * 1000),
  /** Delay before the first retry, doubling up to maxDelayMs, drawn down by jitter. */
  backoff: z.strictObject({
    delayMs: z.number().int().min(1).max(60 * 60 * 1000),
    maxDelayMs: z.number().int().min(1).max(24 * 60 * 60 * 1000),
    jitter: z.number().min(0).max(1),
  }).refine((b) => b.maxDelayMs >= b.delayMs, { error: 'maxDelayMs must be at least delayMs', path: ['maxDelayMs'] }),
  /** Beacons in flight per process running the beacon worker. */
  concurrency: z.number().int().min(1).max(1_024),
  /** Whether `npm start` also delivers beacons (with Redis, workers can do it alone). */
  runWorkerInService: z.boolean(),
});

/** Ad conditioning (transcode/): MP4-only ads are transcoded to the channel's ladder by a queue worker. */
export const conditioningConfigSchema = z.strictObject({
  /** When false, ads without an HLS MediaFile are skipped as before (no jobs, no /creatives). */
  enabled: z.boolean(),
  /** Filesystem creative store; default `var/creatives/` under the repository root. Shared by service and workers. */
  storeDir: z.string().min(1).optional(),
  /** Base URL of the store when a CDN mirrors it; default the service's own `/creatives`. */
  publicBaseUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
  /** Run the conditioning processor inside the service process (the embedded default); false when `interlude worker` runs it. */
  embeddedWorker: z.boolean(),
  /** ffmpeg jobs at once per worker process. */
  concurrency: z.number().int().min(1).max(16),
  /** Attempts per job (retryable failures only: network, ffmpeg killed). */
  attempts: z.number().int().min(1).max(10),
  /** Delay before the first retry; doubles per retry. */
  retryDelayMs: z.number().int().min(0),
  /** How long a channel's content ladder (and so its profile set) is trusted before it is read again. */
  ladderTtlSec: z.number().int().positive(),
  /** x264 preset of the ad encodes. */
  preset: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow']),
  /** Largest creative source accepted. */
  maxSourceBytes: z.number().int().positive(),
  /** Bound on one download (connect, headers, body). */
  downloadTimeoutMs: z.number().int().positive(),
  /** Bound on one ffmpeg run. */
  ffmpegTimeoutMs: z.number().int().positive(),
});

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const loggingConfigSchema = z.strictObject({
  level: z.enum(LOG_LEVELS),
});

export const configSchema = z.strictObject({
  server: serverConfigSchema,
  controlPlane: controlPlaneConfigSchema,
  fetch: fetchPoliciesSchema,
  origin: originConfigSchema,
  decisioning: decisioningConfigSchema,
  sessions: sessionsConfigSchema,
  redis: redisConfigSchema,
  beacons: beaconConfigSchema,
  logging: loggingConfigSchema,
  conditioning: conditioningConfigSchema,
  /** Channels defined in the config file; created (or replaced) at startup. Ids must be unique (load.ts checks). */
  channels: z.array(channelSchema),
});

export type InterludeConfig = z.output<typeof configSchema>;
export type ServerConfig = InterludeConfig['server'];
export type ControlPlaneConfig = InterludeConfig['controlPlane'];
export type OriginConfig = InterludeConfig['origin'];
export type DecisioningConfig = InterludeConfig['decisioning'];
export type SessionsConfig = InterludeConfig['sessions'];
export type RedisConfig = InterludeConfig['redis'];
export type BeaconConfig = InterludeConfig['beacons'];
export type LoggingConfig = InterludeConfig['logging'];
export type ConditioningConfig = InterludeConfig['conditioning'];
export type LogLevel = LoggingConfig['level'];
