import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { listenHost } from '../../../src/config/listen-host.js';

const withHost = (host: string, apiKey?: string) => ({
  server: { ...DEFAULT_CONFIG.server, host },
  controlPlane: { ...DEFAULT_CONFIG.controlPlane, ...(apiKey ? { apiKey } : {}) },
});

describe('listenHost', () => {
  it('forces 127.0.0.1 without an API key, and says why', () => {
    const r = listenHost(withHost('0.0.0.0'));
    expect(r.host).toBe('127.0.0.1');
    expect(r.forcedReason).toMatch(/INTERLUDE_API_KEY/);
  });

  it('keeps a loopback host without an API key', () => {
    expect(listenHost(withHost('127.0.0.1'))).toEqual({ host: '127.0.0.1' });
    expect(listenHost(withHost('::1'))).toEqual({ host: '::1' });
  });

  it('keeps any host when an API key is set', () => {
    expect(listenHost(withHost('0.0.0.0', 'k'.repeat(20)))).toEqual({ host: '0.0.0.0' });
  });
});
