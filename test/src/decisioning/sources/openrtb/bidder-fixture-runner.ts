// The one runner for bidder adapter fixtures (after Prebid's adapterstest.RunJSONBidderTest).
// fixtures/decisioning/openrtb/bidders/<adapter>/{exemplary,supplemental}/*.json:
//   { description, bidder: { name, adapter, endpoint, params }, podRequest,
//     httpCalls: [{ expectedRequest: { method?, uri, headers?, body }, mockResponse: { status, headers?, body? } }],
//     expectedBids: [{ seat, bid }], expectedCurrency?, expectedErrors: [{ value, comparison: literal|regex }] }
// Adapters are pure, so no socket is involved: makeRequests must produce exactly the expected
// calls (same order, JSON bodies compared as values, expected headers a subset), and makeBids
// over every mock response must give exactly the expected bids and errors. A `body` that is a
// string is sent as is (for malformed JSON); an object is JSON-encoded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BidderBid, ResolvedBidder } from '../../../../../src/decisioning/sources/openrtb/bidders/bidder.js';
import { bidderAdapters } from '../../../../../src/decisioning/sources/openrtb/bidders/registry.js';
import type { OrtbBidRequest } from '../../../../../src/decisioning/sources/openrtb/ortb-types.js';
import { bidderConfigSchema } from '../../../../../src/decisioning/sources/openrtb/params.js';
import { fixturePath } from '../../../../support/vectors.js';

interface BidderFixture {
  readonly description: string;
  readonly bidder: Record<string, unknown>;
  readonly podRequest: OrtbBidRequest;
  readonly httpCalls: readonly {
    readonly expectedRequest: { readonly method?: string; readonly uri: string; readonly headers?: Record<string, string>; readonly body: unknown };
    readonly mockResponse: { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown };
  }[];
  readonly expectedBids: readonly BidderBid[];
  readonly expectedCurrency?: string;
  readonly expectedErrors: readonly { readonly value: string; readonly comparison: 'literal' | 'regex' }[];
}

export function runBidderFixtures(adapterName: string): void {
  const adapter = bidderAdapters[adapterName];
  for (const group of ['exemplary', 'supplemental'] as const) {
    const dir = fixturePath('decisioning', 'openrtb', 'bidders', adapterName, group);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    describe(`${adapterName} bidder fixtures: ${group}`, () => {
      it.each(files)('%s', (file) => {
        expect(adapter, `adapter ${adapterName} is registered`).toBeDefined();
        const fx = JSON.parse(readFileSync(join(dir, file), 'utf8')) as BidderFixture;
        const config = bidderConfigSchema.parse(fx.bidder);
        const params = adapter!.paramsSchema.parse(config.params);
        const bidder: ResolvedBidder = { ...config, params };
        const requests = adapter!.makeRequests(fx.podRequest, bidder);
        expect(requests.map((r) => r.uri)).toEqual(fx.httpCalls.map((c) => c.expectedRequest.uri));
        const bids: BidderBid[] = [];
        const errors: string[] = [];
        requests.forEach((req, n) => {
          const call = fx.httpCalls[n]!;
          expect(req.method).toBe(call.expectedRequest.method ?? 'POST');
          expect(JSON.parse(req.body)).toEqual(call.expectedRequest.body);
          for (const [k, v] of Object.entries(call.expectedRequest.headers ?? {})) expect(req.headers[k], `header ${k}`).toBe(v);
          const body = call.mockResponse.body;
          const out = adapter!.makeBids(req, { status: call.mockResponse.status, headers: call.mockResponse.headers ?? {}, body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body) });
          bids.push(...out.bids);
          errors.push(...out.errors);
          if (fx.expectedCurrency !== undefined) expect(out.currency).toBe(fx.expectedCurrency);
        });
        expect(bids).toEqual(fx.expectedBids);
        const left = [...errors];
        for (const e of fx.expectedErrors) {
          const i = left.findIndex((m) => (e.comparison === 'literal' ? m === e.value : new RegExp(e.value).test(m)));
          expect(i, `an error matching ${e.value}; errors were ${JSON.stringify(errors)}`).toBeGreaterThanOrEqual(0);
          left.splice(i, 1);
        }
        expect(left, 'unexpected errors').toEqual([]);
      });
    });
  }
}
