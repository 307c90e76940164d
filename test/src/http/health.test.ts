import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { testApp } from './test-app.js';

const apps: App[] = [];
async function make(...args: Parameters<typeof testApp>): Promise<App> {
  const app = await testApp(...args);
  apps.push(app);
  return app;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

describe('health, readiness, metrics', () => {
  it('GET /healthz answers 200 {status: ok} with a request id', async () => {
    const app = await make();
    const res = await request(app.http).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a sane incoming X-Request-Id and replaces a hostile one', async () => {
    const app = await make();
    expect((await request(app.http).get('/healthz').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    const bad = await request(app.http).get('/healthz').set('X-Request-Id', 'a b\tc<script>');
    expect(bad.headers['x-request-id']).not.toContain('script');
  });

  it('GET /readyz is 200 when every check passes, 503 naming the failures otherwise', async () => {
    const app = await make();
    const ok = await request(app.http).get('/readyz').expect(200);
    expect(ok.body).toEqual({ status: 'ready', checks: {} });

    app.services.readiness.register('origin-cache', () => Promise.resolve({ ok: true }));
    app.services.readiness.register('redis', () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')));
    app.services.readiness.register('queue', () => new Promise(() => undefined), 50);
    const bad = await request(app.http).get('/readyz').expect(503);
    expect(bad.body.status).toBe('not_ready');
    expect(bad.body.checks['origin-cache'].ok).toBe(true);
    expect(bad.body.checks.redis).toMatchObject({ ok: false, reason: 'connect ECONNREFUSED 127.0.0.1:6379' });
    expect(bad.body.checks.queue).toMatchObject({ ok: false, reason: 'timed out after 50 ms' });
  });

  it('GET /metrics exposes the service metrics in Prometheus text', async () => {
    const app = await make();
    const { metrics } = app.services;
    metrics.manifestRequestDuration.observe({ kind: 'media' }, 0.03);
    metrics.originErrors.inc({ channel: 'news', reason: 'timeout' });
    metrics.adSourceDuration.observe({ source: 'vast' }, 0.2);
    metrics.recordAdBreak('vast', true);
    metrics.recordAdBreak('vast', true);
    metrics.recordAdBreak('vast', false);
    metrics.sessionsActive.set(4);
    const res = await request(app.http).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('manifest_request_duration_seconds_count{kind="media"} 1');
    expect(res.text).toContain('origin_errors_total{channel="news",reason="timeout"} 1');
    expect(res.text).toContain('ad_source_duration_seconds_count{source="vast"} 1');
    expect(res.text).toContain('ad_breaks_total{source="vast",filled="true"} 2');
    expect(res.text).toContain('ad_breaks_total{source="vast",filled="false"} 1');
    expect(res.text).toMatch(/ad_fill_ratio\{source="vast"\} 0\.666/);
    expect(res.text).toContain('sessions_active 4');
  });

  it('gives each app its own registry (no global default registry)', async () => {
    const a = await make();
    const b = await make();
    a.services.metrics.sessionsActive.set(7);
    expect(await b.services.metrics.render()).toContain('sessions_active 0');
  });

  it('includes process metrics unless turned off', async () => {
    const app = await make({ deps: { defaultMetrics: true } });
    const res = await request(app.http).get('/metrics').expect(200);
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });
});
