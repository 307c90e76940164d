import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/load.js';
import { isInterludeError } from '../../../src/errors/index.js';

describe('conditioning config', () => {
  it('is on by default: embedded worker, one job at a time, bounded attempts and sizes', () => {
    const c = resolveConfig({}, {}).conditioning;
    expect(c).toMatchObject({ enabled: true, embeddedWorker: true, concurrency: 1, attempts: 3, preset: 'veryfast', maxSourceBytes: 200 * 1024 * 1024 });
    expect(c.storeDir).toBeUndefined();
  });

  it('takes the store directory and CDN base from the environment', () => {
    const c = resolveConfig({}, { INTERLUDE_CREATIVES_DIR: '/data/creatives', INTERLUDE_CREATIVES_BASE_URL: 'https://cdn.example.com/ads' }).conditioning;
    expect(c.storeDir).toBe('/data/creatives');
    expect(c.publicBaseUrl).toBe('https://cdn.example.com/ads');
  });

  it('lists every bad conditioning option at once, by name', () => {
    let paths: string[] = [];
    try {
      resolveConfig({ conditioning: { preset: 'placebo', concurrency: 0, publicBaseUrl: 'ftp://x', unknownOption: true } }, {});
    } catch (e) {
      if (!isInterludeError(e)) throw e;
      paths = (e.context.issues as { path: string }[]).map((i) => i.path);
    }
    expect(paths).toEqual(expect.arrayContaining(['conditioning.preset', 'conditioning.concurrency', 'conditioning.publicBaseUrl']));
    expect(paths.some((p) => p.startsWith('conditioning'))).toBe(true);
  });
});
