import type { InterludeConfig } from './schema.js';

/**
 * The single defaults object (STYLE §11). The loader deep-merges the config file and the
 * environment over it; arrays are replaced, not merged. Values are chosen for a player on
 * a CTV device: origin and ad requests must answer well inside a segment duration.
 */
export const DEFAULT_CONFIG: InterludeConfig = {
  server: {
    host: '127.0.0.1',
    port: 8080,
    bodyLimitBytes: 256 * 1024,
  },
  controlPlane: {
    idempotencyTtlSec: 24 * 60 * 60,
  },
  fetch: {
    originManifest: {
      maxTimeToFirstByteMs: 2_000,
      maxLoadTimeMs: 2_000,
      maxBytes: 2 * 1024 * 1024,
      retry: { maxRetries: 1, retryDelayMs: 100, maxRetryDelayMs: 500, backoff: 'exponential' },
    },
    vast: {
      maxTimeToFirstByteMs: 1_000,
      maxLoadTimeMs: 1_500,
      maxBytes: 1024 * 1024,
      retry: { maxRetries: 1, retryDelayMs: 50, maxRetryDelayMs: 200, backoff: 'exponential' },
    },
    bidRequest: {
      maxTimeToFirstByteMs: 800,
      maxLoadTimeMs: 1_000,
      maxBytes: 512 * 1024,
      retry: { maxRetries: 0, retryDelayMs: 0, maxRetryDelayMs: 0, backoff: 'linear' },
    },
    beacon: {
      maxTimeToFirstByteMs: 2_000,
      maxLoadTimeMs: 5_000,
      maxBytes: 64 * 1024,
      retry: { maxRetries: 5, retryDelayMs: 1_000, maxRetryDelayMs: 60_000, backoff: 'exponential' },
    },
  },
  origin: {
    staleLivePlaylistMaxAgeMs: 30_000,
    // One origin fetch per second per live rendition and instance, not one per viewer
    // request: what a CDN in front of the origin would allow (at most half a target duration).
    liveCacheMaxMs: 1_000,
  },
  decisioning: {
    defaultTimeoutMs: 1_500,
    maxWrapperDepth: 5,
  },
  sessions: {
    idleTtlSec: 2 * 60 * 60,
  },
  redis: {
    keyPrefix: 'interlude:',
  },
  beacons: {
    attemptTimeoutMs: 3_000,
    retryWindowMs: 60 * 60 * 1000,
    backoff: { delayMs: 1_000, maxDelayMs: 5 * 60_000, jitter: 0.2 },
    concurrency: 32,
    runWorkerInService: true,
  },
  logging: {
    level: 'info',
  },
  conditioning: {
    enabled: true,
    embeddedWorker: true,
    concurrency: 1,
    attempts: 3,
    retryDelayMs: 2_000,
    ladderTtlSec: 5 * 60,
    preset: 'veryfast',
    maxSourceBytes: 200 * 1024 * 1024,
    downloadTimeoutMs: 60_000,
    ffmpegTimeoutMs: 10 * 60_000,
  },
  channels: [],
};
