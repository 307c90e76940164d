import { describe, expect, it } from 'vitest';
import { createReadiness } from '../../../src/observability/readiness.js';

describe('readiness registry', () => {
  it('is ready with no checks', async () => {
    expect(await createReadiness().run()).toEqual({ ready: true, checks: {} });
  });

  it('runs checks in parallel and reports each failure with its reason', async () => {
    const r = createReadiness();
    r.register('a', () => Promise.resolve());
    r.register('b', () => Promise.resolve({ ok: false, reason: 'down for maintenance' }));
    r.register('c', () => new Promise(() => undefined), 30);
    r.register('d', () => Promise.reject(new Error('ECONNREFUSED')));
    const started = Date.now();
    const report = await r.run();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.ready).toBe(false);
    expect(report.checks.a?.ok).toBe(true);
    expect(report.checks.b).toMatchObject({ ok: false, reason: 'down for maintenance' });
    expect(report.checks.c).toMatchObject({ ok: false, reason: 'timed out after 30 ms' });
    expect(report.checks.d).toMatchObject({ ok: false, reason: 'ECONNREFUSED' });
  });

  it('replaces a check registered again under the same name', async () => {
    const r = createReadiness();
    r.register('redis', () => Promise.reject(new Error('down')));
    r.register('redis', () => Promise.resolve());
    expect((await r.run()).ready).toBe(true);
  });
});
