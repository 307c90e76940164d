import { Counter } from 'prom-client';
import type { Metrics } from '../observability/metrics.js';

/**
 * Player-path metrics that observability/metrics.ts does not define yet, registered on the
 * app's own registry (so they appear on /metrics with the rest). One instance per app.
 */
export interface PlaybackMetrics {
  readonly sessionsStarted: Counter<'channel' | 'mode'>;
}

export function createPlaybackMetrics(metrics: Metrics): PlaybackMetrics {
  const existing = metrics.registry.getSingleMetric('sessions_started_total');
  const sessionsStarted = existing instanceof Counter
    ? (existing as Counter<'channel' | 'mode'>)
    : new Counter({
      name: 'sessions_started_total',
      help: 'Playback sessions started, by channel and how (implicit multivariant request or explicit POST).',
      labelNames: ['channel', 'mode'] as const,
      registers: [metrics.registry],
    });
  return { sessionsStarted };
}
