/**
 * Conditioning's Prometheus metrics, on the app's registry (so they show on /metrics):
 * - `ads_skipped_total{reason}`: ads left out of a break because their conditioned copy is
 *   not playable yet (`transcode_in_progress`), never will be (`transcode_failed`), or the
 *   creative/stream cannot be matched (`no_variant_match`);
 * - `transcode_jobs_total{outcome}`: jobs finished by this process's worker (`ready`,
 *   `failed`, `retried`);
 * - `transcode_duration_seconds{outcome}`: wall time of one processor attempt.
 * Registered once per registry (the service and an embedded worker share one).
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { SkipReason } from './creative-resolver.js';

export interface ConditioningMetrics {
  skipped(reason: SkipReason): void;
  finished(outcome: 'ready' | 'failed' | 'retried', seconds: number): void;
}

const TRANSCODE_BUCKETS_SEC = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];

export function createConditioningMetrics(registry: Registry): ConditioningMetrics {
  const skipped = single(registry, 'ads_skipped_total', () => new Counter({
    name: 'ads_skipped_total',
    help: 'Ads left out of a break by conditioning, by reason (transcode_in_progress, transcode_failed, no_variant_match).',
    labelNames: ['reason'] as const,
    registers: [registry],
  }));
  const jobs = single(registry, 'transcode_jobs_total', () => new Counter({
    name: 'transcode_jobs_total',
    help: 'Conditioning job attempts finished by this process, by outcome (ready, failed, retried).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }));
  const duration = single(registry, 'transcode_duration_seconds', () => new Histogram({
    name: 'transcode_duration_seconds',
    help: 'Wall time of one conditioning attempt (download, probe, loudness, encode, store), by outcome.',
    labelNames: ['outcome'] as const,
    buckets: TRANSCODE_BUCKETS_SEC,
    registers: [registry],
  }));
  return {
    skipped: (reason) => skipped.inc({ reason }),
    finished(outcome, seconds) {
      jobs.inc({ outcome });
      duration.observe({ outcome }, seconds);
    },
  };
}

function single<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}
