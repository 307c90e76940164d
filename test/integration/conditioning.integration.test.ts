// End to end through the service, on both queue backends (in-process and BullMQ on Redis),
// with real ffmpeg: the demo ad server's MP4-only creative (ad-yellow-mp4, 480x270@30) is
// skipped in the first session's breaks while its job runs, then plays in later sessions as
// its conditioned HLS, whose segments the segment route redirects to /creatives/...
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLiveSchedule, liveBreak, type LiveBreak } from '../../src/demo/index.js';
import { startWorld, uriLines, worldChannels, type SharedWorld } from './player-harness.js';
import {
  adSegmentTargets, metricValue, playOnce, startConditioningService, tempStore,
  type ConditioningService, type QueueBackend,
} from './conditioning-harness.js';
import { openTestRedis } from '../support/redis.js';

const BACKENDS: readonly QueueBackend[] = ['in-process', 'bullmq'];

let world: SharedWorld;
beforeAll(async () => {
  world = await startWorld();
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe.each(BACKENDS)('conditioning through the service (%s queue)', (backend) => {
  let svc: ConditioningService;
  beforeAll(async () => {
    svc = await startConditioningService(backend, { channels: worldChannels(world) });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('skips the MP4-only ad while it is conditioned, then splices its conditioned HLS into later breaks', async () => {
    const path = world.demo.channelPaths['demo-vod'];
    const first = await playOnce(svc, 'demo-vod', path);
    const firstTargets = await adSegmentTargets(svc, first.playlists[0] ?? '');
    expect(firstTargets.length).toBeGreaterThan(0);
    // the HLS creatives play at once; nothing comes from the creative store yet
    expect(firstTargets.every((t) => !t.startsWith('/creatives/'))).toBe(true);
    const tracking = JSON.parse((await svc.get(`/v1/tracking/${first.sessionId}`)).text) as unknown;
    expect(JSON.stringify(tracking)).not.toContain('ad-yellow-mp4');
    expect(await metricValue(svc, 'ads_skipped_total', 'reason="transcode_in_progress"')).toBeGreaterThanOrEqual(1);

    // exactly one job for the creative, although two breaks asked for it
    const [creative] = await svc.waitSettled(1);
    expect((await svc.creatives())).toHaveLength(1);
    expect(creative, JSON.stringify(creative?.failure)).toMatchObject({ status: 'ready', adId: 'ad-yellow-mp4', identity: 'interlude-demo:ad-yellow-mp4', progressPercent: 100 });
    expect(creative?.multivariantUrl).toMatch(/^\/creatives\/[A-Za-z0-9._-]+\/master\.m3u8$/);
    // renditions follow the content ladder (640x360 and 320x180, 25 fps), not the 480x270@30 source
    const videos = (creative?.renditions ?? []).filter((r) => r.kind === 'video').map((r) => `${r.width}x${r.height}@${r.fps}`);
    expect(videos.sort()).toEqual(['320x180@25', '640x360@25']);
    const one = await svc.get(`/api/v1/creatives/${creative?.id ?? ''}`);
    expect(one.status).toBe(200);
    expect(JSON.parse(one.text)).toMatchObject({ id: creative?.id, status: 'ready' });

    // a new session's breaks now contain the conditioned creative's segments
    const second = await playOnce(svc, 'demo-vod', path);
    for (const playlist of second.playlists.slice(0, 2)) {
      const targets = await adSegmentTargets(svc, playlist);
      const conditioned = targets.filter((t) => t.startsWith('/creatives/'));
      // 10 s at 2-s segments, in both breaks (30 s and 20 s)
      expect(conditioned.length).toBe(10);
      const seg = await svc.get(conditioned[0] ?? '');
      expect(seg.status).toBe(200);
      expect(seg.headers.get('access-control-allow-origin')).toBe('*');
      expect(seg.text.charCodeAt(0)).toBe(0x47); // MPEG-TS sync byte, like the content
    }
    const secondTracking = JSON.stringify(JSON.parse((await svc.get(`/v1/tracking/${second.sessionId}`)).text));
    expect(secondTracking).toContain('ad-yellow-mp4');
    expect(await metricValue(svc, 'transcode_duration_seconds_count', 'outcome="ready"')).toBe(1);
  }, 90_000);

  it('serves the store without listings, staging or records', async () => {
    const [creative] = await svc.creatives();
    const key = /^\/creatives\/([^/]+)\//.exec(creative?.multivariantUrl ?? '')?.[1] ?? '';
    expect((await svc.get(`/creatives/${key}/master.m3u8`)).status).toBe(200);
    expect((await svc.get(`/creatives/${key}/`)).status).toBe(404);
    expect((await svc.get('/creatives/')).status).toBe(404);
    expect((await svc.get(`/creatives/${key}/conditioned.json`)).status).toBe(404);
    expect((await svc.get('/creatives/.staging/')).status).toBe(404);
    expect((await svc.get(`/creatives/${key}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await svc.get('/api/v1/creatives/cond-nope')).status).toBe(404);
  });
});

describe('live: the MP4-only ad is skipped in the first break and plays in a later break of the same session', () => {
  const SEG_MS = 2_000;
  const newestAt = (seq: number) => (seq + 2) * SEG_MS;

  it('fills a later break with the conditioned creative', async () => {
    const svc = await startConditioningService('in-process', { channels: worldChannels(world) });
    try {
      const loop = world.demo.media.catalog.hls.find((a) => a.kind === 'content')?.renditions[0]?.segments.length ?? 60;
      const schedule = defaultLiveSchedule(loop);
      const first = liveBreak(schedule, Math.floor(Date.now() / 60_000) + 40);
      const later = liveBreak(schedule, first.index + 1);
      world.demoClock.set(newestAt(first.startSeq - 2));
      const master = await svc.get('/v1/master/demo-live/live/master.m3u8');
      const mediaUrl = uriLines(master.text)[0] ?? '';
      const conditionedIn = async (brk: LiveBreak, from: number): Promise<number> => {
        let text = '';
        for (let seq = from; seq < brk.endSeq; seq++) {
          world.demoClock.set(newestAt(seq));
          const r = await svc.get(mediaUrl);
          expect(r.status).toBe(200);
          text = r.text;
        }
        // the window now ends with the break's last six segments, where the 10-s MP4 ad sits
        return (await adSegmentTargets(svc, text)).filter((t) => t.startsWith('/creatives/')).length;
      };
      expect(await conditionedIn(first, first.startSeq - 2)).toBe(0);
      const [creative] = await svc.waitSettled(1);
      expect(creative?.status).toBe('ready');
      expect(await conditionedIn(later, first.endSeq)).toBeGreaterThanOrEqual(5);
    } finally {
      await svc.close();
    }
  }, 90_000);
});

describe('two instances of one deployment (BullMQ)', () => {
  it('enqueue one job when both are asked for the same creative at once', async () => {
    const redis = openTestRedis('cond2');
    const store = await tempStore();
    const common = { channels: worldChannels(world), redis, storeDir: store.dir, embeddedWorker: false };
    const a = await startConditioningService('bullmq', common);
    const b = await startConditioningService('bullmq', common);
    try {
      const path = world.demo.channelPaths['demo-vod'];
      await Promise.all([playOnce(a, 'demo-vod', path), playOnce(b, 'demo-vod', path), playOnce(a, 'demo-vod', path), playOnce(b, 'demo-vod', path)]);
      const listA = await a.creatives();
      const listB = await b.creatives();
      expect(listA).toHaveLength(1);
      expect(listB.map((c) => c.id)).toEqual(listA.map((c) => c.id));
      expect(listA[0]?.status).toBe('queued');
      const counts = await a.app.services.jobQueue.counts();
      expect(counts.waiting + counts.active + counts.delayed).toBe(1);
    } finally {
      await a.close();
      await b.close();
      await redis.cleanup();
      await store.cleanup();
    }
  }, 60_000);
});
