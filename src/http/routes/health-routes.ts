import { Router } from 'express';
import type { Metrics } from '../../observability/metrics.js';
import type { ReadinessRegistry } from '../../observability/readiness.js';

/**
 * Liveness, readiness and metrics; unauthenticated, for orchestrators and scrapers.
 * - GET /healthz: 200 while the process can answer at all.
 * - GET /readyz: 200 when every registered check passes, else 503 naming the failures.
 * - GET /metrics: Prometheus text from this app's own registry.
 */
export function createHealthRouter(deps: { readonly readiness: ReadinessRegistry; readonly metrics: Metrics }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await deps.readiness.run();
    res.set('Cache-Control', 'no-store')
      .status(report.ready ? 200 : 503)
      .json({ status: report.ready ? 'ready' : 'not_ready', checks: report.checks });
  });
  router.get('/metrics', async (_req, res) => {
    const text = await deps.metrics.render();
    res.set('Content-Type', deps.metrics.contentType).set('Cache-Control', 'no-store').send(text);
  });
  return router;
}
