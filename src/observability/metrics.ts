import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type ManifestKind = 'master' | 'media' | 'dash' | 'segment';

/**
 * The service's Prometheus metrics on a Registry of their own: each app (and each test)
 * gets a fresh one, so nothing is shared through prom-client's global default registry.
 * Components receive this object and record through its named members.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Time to answer a player request, by kind of manifest (or segment redirect). */
  readonly manifestRequestDuration: Histogram<'kind'>;
  /** Origin failures by channel and reason (timeout, status, unreachable, bad_playlist, too_large). */
  readonly originErrors: Counter<'channel' | 'reason'>;
  /** Time an ad source took to decide, by source name. */
  readonly adSourceDuration: Histogram<'source'>;
  /** Breaks decided, by source and whether the pod had at least one ad. */
  readonly adBreaks: Counter<'source' | 'filled'>;
  readonly sessionsActive: Gauge;
  /** Server-side beacons delivered (2xx/3xx), by VAST event; each beacon once. */
  readonly beaconsSent: Counter<'event'>;
  /** Beacon attempts that failed and will be tried again, by event. */
  readonly beaconsRetried: Counter<'event'>;
  /** Beacons given up on (4xx, or retries exhausted), by event; each beacon once. */
  readonly beaconsFailed: Counter<'event'>;
  /** Jobs in the job queue by state (`job_queue_depth{state}`), read at scrape time. */
  readonly jobQueueDepth: Gauge<'state'>;
  /** Where `job_queue_depth` reads its numbers; the composition root sets it once. */
  setJobQueueDepthSource(source: () => Promise<Readonly<Record<string, number>>>): void;
  /** Counts a decided break; also feeds `ad_fill_ratio`. */
  recordAdBreak(source: string, filled: boolean): void;
  /** The text exposition for GET /metrics. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop lag). On by default; tests may turn them off. */
  readonly defaultMetrics?: boolean;
  readonly prefix?: string;
}

const LATENCY_BUCKETS_SEC = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const prefix = options.prefix ?? '';
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix });

  const manifestRequestDuration = new Histogram({
    name: `${prefix}manifest_request_duration_seconds`,
    help: 'Time to answer a player manifest or segment request, by kind.',
    labelNames: ['kind'] as const,
    buckets: LATENCY_BUCKETS_SEC,
    registers: [registry],
  });
  const originErrors = new Counter({
    name: `${prefix}origin_errors_total`,
    help: 'Origin fetch failures by channel and reason.',
    labelNames: ['channel', 'reason'] as const,
    registers: [registry],
  });
  const adSourceDuration = new Histogram({
    name: `${prefix}ad_source_duration_seconds`,
    help: 'Time an ad decision source took to answer, by source.',
    labelNames: ['source'] as const,
    buckets: LATENCY_BUCKETS_SEC,
    registers: [registry],
  });
  const adBreaks = new Counter({
    name: `${prefix}ad_breaks_total`,
    help: 'Ad breaks decided, by source and whether the pod was filled.',
    labelNames: ['source', 'filled'] as const,
    registers: [registry],
  });
  // Kept beside the counter so the ratio is exact without reading the counter back.
  const tallies = new Map<string, { filled: number; total: number }>();
  new Gauge({
    name: `${prefix}ad_fill_ratio`,
    help: 'Share of decided ad breaks that got at least one ad, by source, since start.',
    labelNames: ['source'] as const,
    registers: [registry],
    collect() {
      for (const [source, t] of tallies) this.set({ source }, t.total === 0 ? 0 : t.filled / t.total);
    },
  });
  const sessionsActive = new Gauge({
    name: `${prefix}sessions_active`,
    help: 'Playback sessions currently live in this instance.',
    registers: [registry],
  });

  const beaconCounter = (what: string, help: string) => new Counter({
    name: `${prefix}beacons_${what}_total`, help, labelNames: ['event'] as const, registers: [registry],
  });
  const beaconsSent = beaconCounter('sent', 'Server-side beacons delivered, by VAST event.');
  const beaconsRetried = beaconCounter('retried', 'Beacon attempts that failed and will be retried, by VAST event.');
  const beaconsFailed = beaconCounter('failed', 'Server-side beacons given up on, by VAST event.');
  let depthSource: (() => Promise<Readonly<Record<string, number>>>) | undefined;
  const jobQueueDepth = new Gauge({
    name: `${prefix}job_queue_depth`,
    help: 'Jobs in the job queue (beacons, conditioning) by state.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      if (depthSource === undefined) return;
      // A queue that cannot answer (Redis down) leaves the last values; readiness says why.
      const counts = await depthSource().catch(() => undefined);
      for (const [state, n] of Object.entries(counts ?? {})) this.set({ state }, n);
    },
  });

  return {
    registry,
    beaconsSent,
    beaconsRetried,
    beaconsFailed,
    jobQueueDepth,
    setJobQueueDepthSource(source) {
      depthSource = source;
    },
    manifestRequestDuration,
    originErrors,
    adSourceDuration,
    adBreaks,
    sessionsActive,
    recordAdBreak(source, filled) {
      adBreaks.inc({ source, filled: filled ? 'true' : 'false' });
      const t = tallies.get(source) ?? { filled: 0, total: 0 };
      tallies.set(source, { filled: t.filled + (filled ? 1 : 0), total: t.total + 1 });
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
