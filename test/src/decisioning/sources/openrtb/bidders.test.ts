import { describe, expect, it } from 'vitest';
import { bidderAdapters } from '../../../../../src/decisioning/sources/openrtb/bidders/registry.js';
import { runBidderFixtures } from './bidder-fixture-runner.js';

for (const name of Object.keys(bidderAdapters)) runBidderFixtures(name);

describe('bidder params schemas', () => {
  it.each([
    ['generic', {}],
    ['generic', { impExt: { placementId: 'x' }, publisherId: 'p' }],
    ['legacy-pod', {}],
    ['legacy-pod', { maxSlots: 30 }],
  ])('%s accepts %j', (name, params) => expect(bidderAdapters[name]!.paramsSchema.safeParse(params).success).toBe(true));

  it.each([
    ['generic', { publisherId: '' }],
    ['generic', { unknown: 1 }],
    ['legacy-pod', { maxSlots: 0 }],
    ['legacy-pod', { maxSlots: 2.5 }],
  ])('%s rejects %j', (name, params) => expect(bidderAdapters[name]!.paramsSchema.safeParse(params).success).toBe(false));

  it('every registered adapter names itself as the registry does', () => {
    for (const [key, adapter] of Object.entries(bidderAdapters)) expect(adapter.name).toBe(key);
  });
});
