import { afterAll, describe, expect, it } from 'vitest';
import { createUndiciFetcher } from '../../../src/net/fetcher.js';
import { FetchError } from '../../../src/net/fetch-error.js';
import type { FetchPolicy } from '../../../src/net/fetch-policy.js';
import { routes, scripted, startLoopbackServer } from '../../support/loopback-server.js';

const policy: FetchPolicy = {
  maxTimeToFirstByteMs: 300,
  maxLoadTimeMs: 600,
  maxBytes: 1000,
  retry: { maxRetries: 0, retryDelayMs: 10, maxRetryDelayMs: 50, backoff: 'exponential' },
};
const withRetries = (n: number): FetchPolicy => ({ ...policy, retry: { ...policy.retry, maxRetries: n } });

const fetcher = createUndiciFetcher();
afterAll(() => fetcher.close());

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FetchError);
    return e as FetchError;
  }
  throw new Error('expected a FetchError, the fetch succeeded');
}

describe('undici fetcher', () => {
  it('returns status, headers, body and final URL, and sends the caller headers', async () => {
    const srv = await startLoopbackServer(scripted({ body: 'héllo', headers: { 'x-test': 'yes' } }));
    const res = await fetcher.fetchText(srv.url('/doc?a=1'), { policy, kind: 'test', headers: { 'user-agent': 'Viewer/1', 'x-forwarded-for': '203.0.113.9' } });
    expect(res).toMatchObject({ status: 200, body: 'héllo', url: srv.url('/doc?a=1') });
    expect(res.headers['x-test']).toBe('yes');
    expect(srv.requests[0]?.headers['user-agent']).toBe('Viewer/1');
    expect(srv.requests[0]?.headers['x-forwarded-for']).toBe('203.0.113.9');
  });

  it('times out when the first byte does not come within maxTimeToFirstByteMs', async () => {
    const srv = await startLoopbackServer(scripted({ hang: true }));
    const t0 = Date.now();
    const e = await failure(fetcher.fetchText(srv.url('/'), { policy, kind: 'test' }));
    expect(e.code).toBe('FETCH_TIMEOUT');
    expect(e.message).toMatch(/no response within 300 ms/);
    expect(Date.now() - t0).toBeLessThan(300 + 250);
  });

  it('times out a slow-drip body at maxLoadTimeMs even though bytes keep coming', async () => {
    const srv = await startLoopbackServer(scripted({ body: 'x'.repeat(40), dripChunks: 40, dripIntervalMs: 50 }));
    const t0 = Date.now();
    const e = await failure(fetcher.fetchText(srv.url('/'), { policy, kind: 'test' }));
    expect(e.code).toBe('FETCH_TIMEOUT');
    expect(e.message).toMatch(/body not complete within 600 ms/);
    expect(Date.now() - t0).toBeLessThan(600 + 250);
  });

  it('refuses a body past maxBytes while streaming (no Content-Length to trust)', async () => {
    const srv = await startLoopbackServer(scripted({ body: 'y'.repeat(5000), dripChunks: 10, dripIntervalMs: 5 }));
    const e = await failure(fetcher.fetchText(srv.url('/'), { policy, kind: 'test' }));
    expect(e.code).toBe('FETCH_TOO_LARGE');
  });

  it('refuses a declared Content-Length past maxBytes before reading', async () => {
    const srv = await startLoopbackServer(scripted({ body: 'z'.repeat(2000) }));
    const e = await failure(fetcher.fetchText(srv.url('/'), { policy, kind: 'test' }));
    expect(e.code).toBe('FETCH_TOO_LARGE');
  });

  it('follows up to 5 redirects, relative ones included', async () => {
    const table: Record<string, { status: number; headers?: Record<string, string>; body?: string }> = { '/r5': { status: 200, body: 'done' } };
    for (let i = 0; i < 5; i++) table[`/r${i}`] = { status: i % 2 ? 302 : 307, headers: { location: `/r${i + 1}` } };
    const srv = await startLoopbackServer(routes(table));
    const res = await fetcher.fetchText(srv.url('/r0'), { policy, kind: 'test' });
    expect(res.body).toBe('done');
    expect(res.url).toBe(srv.url('/r5'));
    expect(srv.requests).toHaveLength(6);
  });

  it('rejects a sixth redirect', async () => {
    const table: Record<string, { status: number; headers?: Record<string, string>; body?: string }> = { '/r6': { status: 200, body: 'never' } };
    for (let i = 0; i < 6; i++) table[`/r${i}`] = { status: 301, headers: { location: `/r${i + 1}` } };
    const srv = await startLoopbackServer(routes(table));
    const e = await failure(fetcher.fetchText(srv.url('/r0'), { policy: withRetries(3), kind: 'test' }));
    expect(e.code).toBe('FETCH_URL_REJECTED');
    expect(e.message).toMatch(/more than 5 redirects/);
    expect(srv.requests).toHaveLength(6); // not retried
  });

  it('checks each redirect target with the URL guard', async () => {
    const srv = await startLoopbackServer(scripted({ status: 302, headers: { location: 'file:///etc/passwd' } }));
    const e = await failure(fetcher.fetchText(srv.url('/'), { policy, kind: 'test' }));
    expect(e.code).toBe('FETCH_URL_REJECTED');
    expect(e.message).toMatch(/scheme file/);
  });

  it('retries a 5xx and returns the later success', async () => {
    const srv = await startLoopbackServer(scripted({ status: 503 }, { status: 500 }, { body: 'ok' }));
    const res = await fetcher.fetchText(srv.url('/'), { policy: withRetries(2), kind: 'test' });
    expect(res.body).toBe('ok');
    expect(srv.requests).toHaveLength(3);
  });

  it('gives up after maxRetries with the last status', async () => {
    const srv = await startLoopbackServer(scripted({ status: 502 }));
    const e = await failure(fetcher.fetchText(srv.url('/'), { policy: withRetries(2), kind: 'test' }));
    expect(e).toMatchObject({ code: 'FETCH_HTTP_STATUS', status: 502 });
    expect(srv.requests).toHaveLength(3);
  });

  it('does not retry a 4xx', async () => {
    const srv = await startLoopbackServer(scripted({ status: 404 }, { body: 'ok' }));
    const e = await failure(fetcher.fetchText(srv.url('/'), { policy: withRetries(3), kind: 'test' }));
    expect(e).toMatchObject({ code: 'FETCH_HTTP_STATUS', status: 404 });
    expect(srv.requests).toHaveLength(1);
  });

  it('retries a connection refused (network error), then reports FETCH_NETWORK', async () => {
    const srv = await startLoopbackServer(scripted({ body: 'x' }));
    const url = srv.url('/');
    await srv.close();
    const e = await failure(fetcher.fetchText(url, { policy: withRetries(1), kind: 'test' }));
    expect(e.code).toBe('FETCH_NETWORK');
  });

  it('stops at once when the caller signal fires, even between retries', async () => {
    const srv = await startLoopbackServer(scripted({ status: 500 }));
    const slowRetry: FetchPolicy = { ...policy, retry: { maxRetries: 5, retryDelayMs: 5_000, maxRetryDelayMs: 5_000, backoff: 'linear' } };
    const t0 = Date.now();
    const e = await failure(fetcher.fetchText(srv.url('/'), { policy: slowRetry, kind: 'test', signal: AbortSignal.timeout(150) }));
    expect(e.code).toBe('FETCH_ABORTED');
    expect(Date.now() - t0).toBeLessThan(500);
    expect(srv.requests).toHaveLength(1);
  });

  it('reports FETCH_ABORTED (not a timeout) when the caller deadline beats the TTFB bound', async () => {
    const srv = await startLoopbackServer(scripted({ hang: true }));
    const e = await failure(fetcher.fetchText(srv.url('/'), { policy, kind: 'test', signal: AbortSignal.timeout(100) }));
    expect(e.code).toBe('FETCH_ABORTED');
  });

  it('rejects non-http schemes and credentials before any I/O', async () => {
    expect((await failure(fetcher.fetchText('ftp://example.com/x', { policy, kind: 'test' }))).code).toBe('FETCH_URL_REJECTED');
    expect((await failure(fetcher.fetchText('http://u:p@127.0.0.1/', { policy, kind: 'test' }))).code).toBe('FETCH_URL_REJECTED');
  });
});
