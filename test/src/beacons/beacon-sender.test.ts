import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { classify, createBeaconSender, parseRetryAfter } from '../../../src/beacons/beacon-sender.js';
import { scripted, startLoopbackServer } from '../../support/loopback-server.js';

describe('beacon outcome classification', () => {
  const now = Date.UTC(2025, 0, 1, 0, 0, 0);
  it.each([
    [200, 'sent'], [204, 'sent'], [302, 'sent'], [399, 'sent'],
    [500, 'retryable'], [503, 'retryable'], [429, 'retryable'],
    [400, 'permanent'], [403, 'permanent'], [404, 'permanent'], [410, 'permanent'],
  ] as const)('HTTP %i is %s', (status, kind) => {
    expect(classify(status, undefined, now).kind).toBe(kind);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(classify(503, '7', now)).toEqual({ kind: 'retryable', status: 503, reason: 'HTTP 503', retryAfterMs: 7_000 });
  });
});

describe('beacon sender over real sockets', () => {
  it('does not follow a redirect: 302 counts as sent', async () => {
    const rx = await startLoopbackServer(scripted({ status: 302, headers: { location: '/elsewhere' } }));
    const sender = createBeaconSender();
    try {
      expect(await sender.send(rx.url('/r'), {})).toEqual({ kind: 'sent', status: 302 });
      expect(rx.requests.map((r) => r.url)).toEqual(['/r']);
    } finally {
      await sender.close();
    }
  });

  it('times out when no status arrives within the per-attempt timeout', async () => {
    const rx = await startLoopbackServer(scripted({ status: 200, delayMs: 2_000 }));
    const sender = createBeaconSender({ timeoutMs: 250 });
    try {
      const started = Date.now();
      expect(await sender.send(rx.url('/slow'), {})).toMatchObject({ kind: 'retryable', reason: expect.stringMatching(/^timeout/) });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await sender.close();
    }
  });

  it('bounds the whole attempt, not each phase: a slow start and a slow status line add up to a timeout', async () => {
    // 200 ms before the request leaves (as a slow connect would be), 200 ms more for the status: each under 300 ms
    const rx = await startLoopbackServer(scripted({ status: 204, delayMs: 200 }));
    const agent = new Agent();
    const slowStart = agent.compose((dispatch) => (opts, handler) => {
      setTimeout(() => dispatch(opts, handler), 200);
      return true;
    });
    const sender = createBeaconSender({ timeoutMs: 300, dispatcher: slowStart });
    try {
      const started = Date.now();
      expect(await sender.send(rx.url('/slow-start'), {})).toMatchObject({ kind: 'retryable', reason: expect.stringMatching(/^timeout/) });
      expect(Date.now() - started).toBeLessThan(380);
    } finally {
      await sender.close();
      await agent.close();
    }
  });

  it('counts a 2xx whose body is slow as sent (the receiver has counted it), within the timeout', async () => {
    const rx = await startLoopbackServer(scripted({ status: 200, body: 'x'.repeat(10), dripChunks: 10, dripIntervalMs: 100 }));
    const sender = createBeaconSender({ timeoutMs: 250 });
    try {
      const started = Date.now();
      expect(await sender.send(rx.url('/drip'), {})).toEqual({ kind: 'sent', status: 200 });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await sender.close();
    }
  });

  it('refuses URLs the guard rejects without sending', async () => {
    const sender = createBeaconSender();
    try {
      expect(await sender.send('ftp://t.example/x', {})).toMatchObject({ kind: 'permanent' });
      expect(await sender.send('https://user:pw@t.example/x', {})).toMatchObject({ kind: 'permanent' });
    } finally {
      await sender.close();
    }
  });
});
