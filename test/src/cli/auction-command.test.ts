import { describe, expect, it } from 'vitest';
import { fakeCliIo } from '../../support/fake-cli-io.js';
import { auctionCommand } from '../../../src/cli/commands/auction-command.js';
import { routes, startLoopbackServer } from '../../support/loopback-server.js';
import { bid, response } from '../decisioning/sources/openrtb/support/bids.js';

async function partners() {
  return startLoopbackServer(routes({
    '/a': { status: 200, body: response([bid({ id: 'a1', price: 12, dur: 30, adomain: ['ford.com'] }), bid({ id: 'a2', price: 2, dur: 30, adomain: ['kia.com'] })]) },
    '/b': { status: 200, body: response([bid({ id: 'b1', price: 9, dur: 30, adomain: ['ford.com'] }), bid({ id: 'b2', price: 5, dur: 30, adomain: ['bmw.com'] }), bid({ id: 'b3', price: 4, impid: '7' })]) },
    '/hang': { hang: true },
  }));
}

describe('interlude auction', () => {
  it('prints the pod and every bid with its fate', async () => {
    const server = await partners();
    const request = { adDecision: { type: 'openrtb', tmaxMs: 600, bidders: [{ name: 'a', endpoint: server.url('/a') }, { name: 'b', endpoint: server.url('/b') }, { name: 'hang', endpoint: server.url('/hang') }] }, break: { id: 'brk-1', durationSec: 60 } };
    const io = fakeCliIo({ 'req.json': JSON.stringify(request) });
    expect(await auctionCommand.run(['req.json'], io)).toBe(0);
    expect(io.err).toBe('');
    expect(io.out).toMatch(/^pod brk-1: 2 ad\(s\), 60 s filled/);
    expect(io.out).toMatch(/a\/a1 .* won \(slot 1, cleared 12\)/);
    expect(io.out).toMatch(/a\/a2 .* lost: price/);
    expect(io.out).toMatch(/b\/b1 .* lost: separation/);
    expect(io.out).toMatch(/b\/b2 .* won \(slot 2, cleared 5\)/);
    expect(io.out).toMatch(/b\/b3 .* invalid: bid for unknown imp "7"/);
    expect(io.out).toMatch(/hang\s+late/);
  });

  it('prints JSON with --json and takes settings from --config', async () => {
    const server = await partners();
    const io = fakeCliIo({ 'req.json': JSON.stringify({ break: { durationSec: 30 } }), 'cfg.json': JSON.stringify({ tmaxMs: 600, bidders: [{ name: 'a', endpoint: server.url('/a') }] }) });
    expect(await auctionCommand.run(['req.json', '--config', 'cfg.json', '--json'], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.pod.ads.map((a: { adId: string }) => a.adId)).toEqual(['ad-a1']);
    expect(out.bids.map((b: { id: string; fate: { status: string } }) => [b.id, b.fate.status])).toEqual([['a1', 'won'], ['a2', 'lost']]);
    expect(out.request.imp[0].video.poddur).toBe(30);
  });

  it('reports bad input and usage errors with exit codes 1 and 2', async () => {
    const io = fakeCliIo({ 'bad.json': '{ nope', 'noparams.json': '{}', 'invalid.json': JSON.stringify({ adDecision: { type: 'openrtb', bidders: [], tmaxMs: -1 } }) });
    expect(await auctionCommand.run(['bad.json'], io)).toBe(1);
    expect(io.err).toMatch(/bad\.json is not JSON/);
    expect(await auctionCommand.run(['noparams.json'], io)).toBe(1);
    expect(io.err).toMatch(/no OpenRTB settings/);
    expect(await auctionCommand.run(['invalid.json'], io)).toBe(1);
    expect(io.err).toMatch(/invalid OpenRTB settings:\n {2}tmaxMs: .*\n {2}bidders: /);
    expect(await auctionCommand.run([], io)).toBe(2);
    expect(await auctionCommand.run(['x.json', '--bogus'], io)).toBe(2);
  });
});
