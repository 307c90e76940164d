import { describe, expect, it } from 'vitest';
import { adSourceFactories } from '../../../src/decisioning/registry.js';
import { silentLogger } from '../../../src/decisioning/source-logger.js';
import type { Fetcher } from '../../../src/net/fetcher.js';

const deps = { fetcher: { fetchText: () => Promise.reject(new Error('unused')) } as Fetcher, clock: { nowMs: () => 0 }, random: () => 0, logger: silentLogger };

describe('ad source registry', () => {
  it('builds a vast source from valid params', () => {
    const built = adSourceFactories.vast?.({ url: 'https://ads.example.com/v' }, deps);
    expect(built?.ok && built.value.name).toBe('vast');
  });

  it('lists every params problem, naming each option', () => {
    const built = adSourceFactories.vast?.({ url: 'ftp://x', timeoutMs: -5 }, deps);
    expect(built?.ok).toBe(false);
    if (built && !built.ok) {
      expect(built.error).toEqual(expect.arrayContaining([expect.stringMatching(/^url: /), expect.stringMatching(/^timeoutMs: /)]));
    }
  });
});
