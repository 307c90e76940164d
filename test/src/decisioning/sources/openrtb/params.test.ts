import { describe, expect, it } from 'vitest';
import { openRtbCapabilities } from '../../../../../src/decisioning/sources/openrtb/capabilities.js';
import { openRtbParamsSchema } from '../../../../../src/decisioning/sources/openrtb/params.js';
import { createOpenRtbSource } from '../../../../../src/decisioning/sources/openrtb/openrtb-source.js';
import { silentLogger } from '../../../../../src/decisioning/source-logger.js';
import { createUndiciFetcher } from '../../../../../src/net/fetcher.js';

const bidders = [{ name: 'dsp-a', endpoint: 'https://dsp-a.example/ortb' }];

describe('OpenRTB source params', () => {
  it('fills defaults', () => {
    const p = openRtbParamsSchema.parse({ bidders });
    expect(p).toMatchObject({
      tmaxMs: openRtbCapabilities.defaultTmaxMs, networkAllowanceMs: 30, finishReserveMs: 10, floorCpm: 0, maxPriceCpm: 1000, currency: 'USD',
      separation: { adomain: true, cat: false }, priceRule: 'first', pod: { mode: 'dynamic', maxSeq: 6 },
      bidders: [{ name: 'dsp-a', adapter: 'generic', endpoint: 'https://dsp-a.example/ortb', params: {} }],
    });
  });

  it.each([
    { bidders, tmaxMs: 300, floorCpm: 2.5, minCpmPerSec: 0.1, currency: 'EUR', separation: { adomain: true, cat: true }, priceRule: 'second' },
    { bidders: [{ name: 'a', endpoint: 'http://127.0.0.1:9000/bid', tmaxMs: 200, adapter: 'legacy-pod', params: { maxSlots: 4 } }] },
    { bidders, pod: { mode: 'structured', slotDurationSec: 15, structuredSlots: 4 } },
    { bidders, pod: { mode: 'hybrid', rqddurs: [15, 30] }, app: { bundle: 'com.x' }, content: { livestream: true, genre: 'news' } },
    { bidders, frequencyCap: { maxImpressions: 3, windowSec: 3600 } },
  ])('accepts %j', (params) => {
    const r = openRtbParamsSchema.safeParse(params);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it.each([
    [{}, 'bidders'],
    [{ bidders: [] }, 'bidders'],
    [{ bidders: [bidders[0], bidders[0]] }, 'bidders'],
    [{ bidders: [{ name: 'A B', endpoint: 'https://x.example' }] }, 'bidders.0.name'],
    [{ bidders: [{ name: 'a', endpoint: 'ftp://x.example' }] }, 'bidders.0.endpoint'],
    [{ bidders: [{ name: 'a', endpoint: 'https://u:p@x.example' }] }, 'bidders.0.endpoint'],
    [{ bidders: [{ name: 'a', endpoint: 'https://x.example', tmaxMs: 900 }], tmaxMs: 300 }, 'bidders'],
    [{ bidders, tmaxMs: 0 }, 'tmaxMs'],
    [{ bidders, currency: 'usd' }, 'currency'],
    [{ bidders, priceRule: 'vickrey' }, 'priceRule'],
    [{ bidders, floorCpm: -1 }, 'floorCpm'],
    [{ bidders, pod: { maxSeq: -1 } }, 'pod.maxSeq'],
    [{ bidders, pod: { minDurationSec: 40, maxDurationSec: 30 } }, 'pod.minDurationSec'],
    [{ bidders, mimes: ['video/webm'] }, 'mimes.0'],
    [{ bidders, app: {}, site: {} }, 'site'],
    [{ bidders, surprise: 1 }, ''],
  ])('rejects %j (at %s)', (params, path) => {
    const r = openRtbParamsSchema.safeParse(params);
    expect(r.success).toBe(false);
    if (!r.success && path !== '') expect(r.error.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('the factory lists every problem, adapter params included', () => {
    const fetcher = createUndiciFetcher();
    const r = createOpenRtbSource({ bidders: [{ name: 'a', endpoint: 'https://a.example', adapter: 'nope' }, { name: 'b', endpoint: 'https://b.example', adapter: 'legacy-pod', params: { maxSlots: 0 } }] }, { fetcher, clock: { nowMs: () => 0 }, random: () => 0, logger: silentLogger });
    expect(r.ok ? [] : r.error).toEqual([
      'bidders.0.adapter: unknown adapter "nope" (known: generic, legacy-pod)',
      expect.stringMatching(/^bidders\.1\.params\.maxSlots: /),
    ]);
    return fetcher.close();
  });
});
