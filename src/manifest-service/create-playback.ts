/**
 * Wires the player path from components the composition root (src/app.ts) already built:
 * stores, fetcher, channels, metrics. Builds nothing that owns a connection or a timer.
 */
import type { ChannelService } from '../channels/channel-service.js';
import type { InterludeConfig } from '../config/index.js';
import type { DecisionStore } from '../decisioning/decision-store/decision-store.js';
import type { Fetcher } from '../net/fetcher.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../sessions/clock.js';
import { SessionService } from '../sessions/session-service.js';
import type { SessionStore } from '../sessions/session-store.js';
import { AdSources } from './ad-sources.js';
import { BreakDecider } from './break-decider.js';
import { CreativePlaylists } from './creative-playlists.js';
import { OriginClient } from './origin-client.js';
import { createPlaybackMetrics } from './playback-metrics.js';
import { PlaybackService, type AdSegmentHook } from './playback-service.js';

export interface CreatePlaybackOptions {
  readonly config: InterludeConfig;
  readonly channels: ChannelService;
  readonly sessionStore: SessionStore;
  readonly decisionStore: DecisionStore;
  readonly fetcher: Fetcher;
  readonly clock: Clock;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** [0, 1) for cache-busting macros only. */
  readonly random: () => number;
  readonly onAdSegmentRequest?: AdSegmentHook;
  /** Session ids; default crypto.randomUUID. */
  readonly newSessionId?: () => string;
}

export function createPlayback(o: CreatePlaybackOptions): { playback: PlaybackService; sessions: SessionService } {
  const sessionTtlMs = o.config.sessions.idleTtlSec * 1000;
  const sessions = new SessionService({
    store: o.sessionStore, clock: o.clock, defaultTtlMs: sessionTtlMs,
    ...(o.newSessionId === undefined ? {} : { newId: o.newSessionId }),
  });
  const origin = new OriginClient({ fetcher: o.fetcher, policy: o.config.fetch.originManifest, metrics: o.metrics });
  const sources = new AdSources({
    deps: { fetcher: o.fetcher, clock: o.clock, random: o.random, logger: o.logger },
    maxWrapperDepth: o.config.decisioning.maxWrapperDepth,
    logger: o.logger,
  });
  const decider = new BreakDecider({
    decisions: o.decisionStore, sources, clock: o.clock, metrics: o.metrics,
    defaultTimeoutMs: o.config.decisioning.defaultTimeoutMs, decisionTtlMs: sessionTtlMs,
  });
  const playback = new PlaybackService({
    channels: o.channels,
    sessions,
    store: o.sessionStore,
    decisions: o.decisionStore,
    origin,
    creatives: new CreativePlaylists(origin),
    decider,
    clock: o.clock,
    metrics: o.metrics,
    playbackMetrics: createPlaybackMetrics(o.metrics),
    logger: o.logger,
    sessionTtlMs,
    staleLiveMaxAgeMs: o.config.origin.staleLivePlaylistMaxAgeMs,
    ...(o.config.server.publicBaseUrl === undefined ? {} : { publicBaseUrl: o.config.server.publicBaseUrl }),
    ...(o.onAdSegmentRequest === undefined ? {} : { onAdSegmentRequest: o.onAdSegmentRequest }),
  });
  return { playback, sessions };
}
