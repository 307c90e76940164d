// The composition root's shutdown: OpenRTB win/loss notices handed to the beacon queue
// during the last requests reach it before close() resolves (and before an owner closes
// the queue), even when the queue is slow to accept them.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { BEACON_BATCH_JOB_NAME } from '../../src/beacons/beacon-dispatcher.js';
import type { BeaconBatch, BeaconJob } from '../../src/beacons/beacon-job.js';
import { channelSchema } from '../../src/channels/channel-schema.js';
import { resolveConfig } from '../../src/config/load.js';
import type { JsonValue } from '../../src/errors/index.js';
import { InProcessJobQueue } from '../../src/queue/in-process-queue.js';
import type { AddJobOptions, JobQueue } from '../../src/queue/job-queue.js';
import { startLoopbackServer } from '../support/loopback-server.js';

const ADD_DELAY_MS = 300;

/** The in-process queue, but every add takes ADD_DELAY_MS (a slow Redis); records what arrived. */
function slowQueue(): { queue: JobQueue; arrived: BeaconJob[] } {
  const inner = new InProcessJobQueue();
  const arrived: BeaconJob[] = [];
  const queue: JobQueue = {
    async add<T extends JsonValue>(name: string, data: T, options?: AddJobOptions) {
      await new Promise((r) => setTimeout(r, ADD_DELAY_MS));
      if (name === BEACON_BATCH_JOB_NAME) arrived.push(...(data as unknown as BeaconBatch).beacons);
      return inner.add(name, data, options);
    },
    process: (name, handler, options) => inner.process(name, handler, options),
    getJob: (name, id) => inner.getJob(name, id),
    counts: () => inner.counts(),
    close: () => inner.close(),
  };
  return { queue, arrived };
}

const media = (segments: number) => ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-MEDIA-SEQUENCE:0',
  ...Array.from({ length: segments }, (_, i) => ['#EXTINF:2.0,', `seg${i}.ts`]).flat(), '#EXT-X-ENDLIST', ''].join('\n');
const MASTER = ['#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.42c01e,mp4a.40.2"', 'media.m3u8', ''].join('\n');
const adVast = (base: string) => `<VAST version="4.0"><Ad id="ad-1"><InLine><AdSystem>t</AdSystem><AdTitle>t</AdTitle><Impression><![CDATA[${base}/imp]]></Impression><Creatives><Creative id="c1"><Linear><Duration>00:00:06</Duration><MediaFiles><MediaFile delivery="streaming" type="application/x-mpegURL" width="640" height="360"><![CDATA[${base}/ad/master.m3u8]]></MediaFile></MediaFiles></Linear></Creative></Creatives></InLine></Ad></VAST>`;

describe('app close', () => {
  it('waits for the win/loss notices of the last auctions to reach the queue', async () => {
    const origin = await startLoopbackServer((req, res, r) => {
      const path = new URL(r.url, 'http://x').pathname;
      if (path === '/bid') {
        const request = JSON.parse(r.body) as { id: string; imp: { id: string }[] };
        const bid = (id: string, price: number) => ({
          id, impid: request.imp[0]?.id ?? '1', price, adomain: ['same.example'], dur: 6, adm: adVast(origin.origin),
          nurl: `${origin.origin}/win?b=${id}`, lurl: `${origin.origin}/loss?b=${id}&c=\${AUCTION_LOSS}`,
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: request.id, cur: 'USD', seatbid: [{ seat: 's', bid: [bid('high', 9), bid('low', 3)] }] }));
      } else if (path.endsWith('/master.m3u8')) res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(MASTER);
      else if (path.endsWith('/media.m3u8')) res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(media(path.startsWith('/ad/') ? 3 : 5));
      else res.writeHead(204).end();
    });
    const { queue, arrived } = slowQueue();
    const config = resolveConfig({
      logging: { level: 'silent' },
      server: { port: 0 },
      conditioning: { enabled: false },
      channels: [channelSchema.parse({
        id: 'rtb', origin: `${origin.origin}/`, vodPreroll: true,
        adDecision: { type: 'openrtb', tmaxMs: 300, bidders: [{ name: 'dsp', endpoint: origin.url('/bid') }] },
      })],
    }, {});
    const app = await buildApp(config, { defaultMetrics: false, jobQueue: queue });
    try {
      const { url } = await app.listen();
      const master = await (await fetch(`${url}/v1/master/rtb/show/master.m3u8`)).text();
      const media = master.split('\n').find((l) => l !== '' && !l.startsWith('#')) ?? '';
      expect((await fetch(new URL(media, `${url}/`))).status).toBe(200);
      expect(origin.requests.some((r) => r.url === '/bid')).toBe(true);
    } finally {
      await app.close();
    }
    // the winner's nurl and the loser's lurl (same advertiser: separation) were both queued
    expect(arrived.map((j) => [j.event, j.url]).sort()).toEqual([
      ['loss', `${origin.origin}/loss?b=low&c=205`],
      ['win', `${origin.origin}/win?b=high`],
    ]);
    await queue.close();
  });
});
