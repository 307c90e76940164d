import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCliIo } from '../../../support/fake-cli-io.js';
import { auctionCommand } from '../../../../src/cli/commands/auction-command.js';
import { DEMO_BIDDERS_DEFAULT_PORT } from '../../../../src/demo/bidders/serve-demo.js';
import { startDemo, type DemoHandle } from '../../../../src/demo/start-demo.js';
import { sharedDemoMedia } from '../support.js';

let demo: DemoHandle;
beforeAll(async () => {
  const media = await sharedDemoMedia();
  demo = await startDemo({ mediaDir: media.mediaDir });
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

describe('interlude auction against the demo bidders (fixtures/openrtb/examples/demo-bidders.json)', () => {
  it('runs the example as shipped, pointed at this demo: a separated pod, the slow bidder late', async () => {
    const example = await readFile(new URL('../../../../fixtures/openrtb/examples/demo-bidders.json', import.meta.url), 'utf8');
    expect(example).toContain(`http://127.0.0.1:${DEMO_BIDDERS_DEFAULT_PORT}/ortb/`);
    const text = example.replaceAll(`http://127.0.0.1:${DEMO_BIDDERS_DEFAULT_PORT}/`, demo.originBaseUrl);
    const io = fakeCliIo({ 'demo-bidders.json': text });
    expect(await auctionCommand.run(['demo-bidders.json', '--json'], io)).toBe(0);
    expect(io.err).toBe('');
    const out = JSON.parse(io.out) as { pod: { ads: { hlsUrl: string; durationUs: number }[] }; bidders: { name: string; status: string }[]; bids: { bidder: string; fate: { status: string; reason?: string } }[] };
    expect(out.bidders.find((b) => b.name === 'slowpoke-ssp')?.status).toBe('late');
    expect(out.pod.ads.length).toBeGreaterThan(1);
    expect(out.pod.ads.reduce((s, a) => s + a.durationUs, 0)).toBeLessThanOrEqual(30_000_000);
    for (const ad of out.pod.ads) expect(ad.hlsUrl.startsWith(`${demo.originBaseUrl}ads/`)).toBe(true);
    expect(out.bids.some((b) => b.fate.status === 'lost' && b.fate.reason === 'separation')).toBe(true);
  });
});
