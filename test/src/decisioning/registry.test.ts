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

  it('builds an openrtb source from valid params, and lists every problem of invalid ones', () => {
    const built = adSourceFactories.openrtb?.({ tmaxMs: 300, bidders: [{ name: 'dsp-a', endpoint: 'https://dsp.example/ortb' }] }, deps);
    expect(built?.ok && built.value.name).toBe('openrtb');
    const bad = adSourceFactories.openrtb?.({ tmaxMs: -1, bidders: [] }, deps);
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) expect(bad.error).toEqual(expect.arrayContaining([expect.stringMatching(/^tmaxMs: /), expect.stringMatching(/^bidders: /)]));
  });

  it('lists exactly the sources a channel may name (besides demo and none, which need no factory)', () => {
    expect(Object.keys(adSourceFactories).sort()).toEqual(['openrtb', 'vast']);
  });
});
