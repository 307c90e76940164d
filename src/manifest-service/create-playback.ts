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
import type { SourceDeps } from '../decisioning/source-factory.js';
import { BreakDecider } from './break-decider.js';
import type { CreativeResolver } from '../conditioning/creative-resolver.js';
import { CreativePlaylists, type LocalPlaylistReader } from './creative-playlists.js';
import { OriginClient } from './origin-client.js';
import { createPlaybackMetrics } from './playback-metrics.js';
import type { Pod } from '../../manifests/index.js';
import type { Session } from '../sessions/session.js';
import { PlaybackService, type AdSegmentHook, type PlaylistPlanHook } from './playback-service.js';

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
  /** Stores the tracking rendition's plan (beacons/wiring). */
  readonly onPlaylistPlanned?: PlaylistPlanHook;
  /** Each new decision (error beacons of dropped ads). */
  readonly onPodDecided?: (session: Session, pod: Pod, log: Logger) => void;
  /** Session ids; default newSessionId() (sessions/session-service.ts). */
  readonly newSessionId?: () => string;
  /** Conditioning: MP4-only ads resolved to their conditioned HLS (src/conditioning). */
  readonly creatives?: CreativeResolver;
  /** Playlists the service serves itself (`/creatives/...`), read without HTTP. */
  readonly readLocalPlaylist?: LocalPlaylistReader;
  /** Source extras (OpenRTB win/loss notifier, shared frequency-cap store), passed through to every source. */
  readonly sourceExtras?: Pick<SourceDeps, 'notifier' | 'frequencyCapStore'>;
}

export function createPlayback(o: CreatePlaybackOptions): { playback: PlaybackService; sessions: SessionService } {
  const sessionTtlMs = o.config.sessions.idleTtlSec * 1000;
  const sessions = new SessionService({
    store: o.sessionStore, clock: o.clock, defaultTtlMs: sessionTtlMs,
    ...(o.newSessionId === undefined ? {} : { newId: o.newSessionId }),
  });
  const origin = new OriginClient({ fetcher: o.fetcher, policy: o.config.fetch.originManifest, metrics: o.metrics });
  const sources = new AdSources({
    deps: { ...o.sourceExtras, fetcher: o.fetcher, clock: o.clock, random: o.random, logger: o.logger, ...(o.creatives === undefined ? {} : { creatives: o.creatives }) },
    maxWrapperDepth: o.config.decisioning.maxWrapperDepth,
    logger: o.logger,
  });
  const decider = new BreakDecider({
    decisions: o.decisionStore, sources, clock: o.clock, metrics: o.metrics,
    defaultTimeoutMs: o.config.decisioning.defaultTimeoutMs, decisionTtlMs: sessionTtlMs,
    ...(o.onPodDecided === undefined ? {} : { onDecided: o.onPodDecided }),
  });
  const playback = new PlaybackService({
    channels: o.channels,
    sessions,
    store: o.sessionStore,
    decisions: o.decisionStore,
    origin,
    creatives: new CreativePlaylists(origin, undefined, o.readLocalPlaylist),
    decider,
    clock: o.clock,
    metrics: o.metrics,
    playbackMetrics: createPlaybackMetrics(o.metrics),
    logger: o.logger,
    sessionTtlMs,
    staleLiveMaxAgeMs: o.config.origin.staleLivePlaylistMaxAgeMs,
    originCache: { liveMaxTtlMs: o.config.origin.liveCacheMaxMs },
    ...(o.config.server.publicBaseUrl === undefined ? {} : { publicBaseUrl: o.config.server.publicBaseUrl }),
    ...(o.onAdSegmentRequest === undefined ? {} : { onAdSegmentRequest: o.onAdSegmentRequest }),
    ...(o.onPlaylistPlanned === undefined ? {} : { onPlaylistPlanned: o.onPlaylistPlanned }),
  });
  return { playback, sessions };
}
