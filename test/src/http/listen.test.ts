import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { resolveConfig } from '../../../src/config/load.js';
import { API_KEY, captureLogger } from './test-app.js';

describe('listening', () => {
  it('binds to 127.0.0.1 without INTERLUDE_API_KEY even when told 0.0.0.0, and warns', async () => {
    const cap = captureLogger('warn');
    const config = resolveConfig({ server: { host: '0.0.0.0', port: 0 } }, {});
    const app = await buildApp(config, { logger: cap.logger, defaultMetrics: false });
    const l = await app.listen();
    try {
      expect(l.host).toBe('127.0.0.1');
      expect(l.url).toBe(`http://127.0.0.1:${l.port}`);
      const warning = cap.lines().find((line) => line.level === 40);
      expect(warning?.msg).toMatch(/INTERLUDE_API_KEY is not set/);
      const res = await fetch(`${l.url}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('binds where configured when an API key is set', async () => {
    const config = resolveConfig({ server: { host: '0.0.0.0', port: 0 }, logging: { level: 'silent' } }, { INTERLUDE_API_KEY: API_KEY });
    const app = await buildApp(config, { defaultMetrics: false });
    const l = await app.listen();
    expect(l.host).toBe('0.0.0.0');
    await app.close();
  });

  it('close() stops the server', async () => {
    const config = resolveConfig({ server: { port: 0 }, logging: { level: 'silent' } }, {});
    const app = await buildApp(config, { defaultMetrics: false });
    const l = await app.listen();
    await app.close();
    await expect(fetch(`${l.url}/healthz`)).rejects.toThrow();
  });
});
