import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/observability/metrics.js';
import { createConditioningMetrics } from '../../../src/conditioning/conditioning-metrics.js';
import { ConditioningService } from '../../../src/conditioning/conditioning-service.js';
import { ContentLadders, type StreamProfiles } from '../../../src/conditioning/content-ladders.js';
import { MemoryCreativeCatalog } from '../../../src/conditioning/creative-catalog.js';
import type { ResolvableAd } from '../../../src/conditioning/creative-resolver.js';
import { channelSchema } from '../../../src/channels/channel-schema.js';
import { createLogger } from '../../../src/observability/logger.js';
import { InProcessJobQueue } from '../../../src/queue/in-process-queue.js';
import type { Session } from '../../../src/sessions/session.js';
import { CONDITION_JOB_NAME, conditionJobId, transcodeError } from '../../../transcode/index.js';
import { demoProfiles } from '../../transcode/support/profiles.js';

const session: Session = {
  id: 's1', channelId: 'ch', originPath: 'vod/master.m3u8', format: 'hls', playerParams: {},
  clientIp: '127.0.0.1', userAgent: 'test', reportingMode: 'server', createdAtMs: 0,
};
const channel = channelSchema.parse({ id: 'ch', origin: 'http://origin.test/', adDecision: { type: 'none' } });
const mp4: ResolvableAd = { adId: 'a1', universalAdId: 'reg:a1', mediaFiles: [{ url: 'http://ads.test/a1.mp4', mimeType: 'video/mp4', delivery: 'progressive' }] };
const stream: StreamProfiles = { multivariantUrl: 'http://origin.test/vod/master.m3u8', profiles: demoProfiles(), profileSetKey: 'pk', assumptions: [] };

function build(ladder: () => Promise<StreamProfiles>) {
  const metrics = createMetrics({ defaultMetrics: false });
  const queue = new InProcessJobQueue();
  const catalog = new MemoryCreativeCatalog();
  const ladders = { profilesFor: ladder } as unknown as ContentLadders;
  const svc = new ConditioningService({
    queue, ladders, catalog, channels: { find: (id) => Promise.resolve(id === 'ch' ? channel : undefined) },
    store: { urlFor: (k, p) => `/creatives/${k}/${p}` }, metrics: createConditioningMetrics(metrics.registry),
    clock: { nowMs: () => 1_000 }, logger: createLogger({ level: 'silent' }), attempts: 2, retryDelayMs: 10, limits: {},
  });
  const skipped = async (reason: string) => (await metrics.registry.getSingleMetricAsString('ads_skipped_total')).split('\n').find((l) => l.includes(`"${reason}"`))?.split(' ').at(-1);
  return { svc, queue, catalog, skipped };
}

describe('ConditioningService (CreativeResolver)', () => {
  it('passes a streaming HLS MediaFile through without touching the queue', async () => {
    const { svc, catalog } = build(() => Promise.reject(new Error('not called')));
    const r = await svc.resolve({ adId: 'h', mediaFiles: [{ url: 'http://ads.test/h.m3u8', mimeType: 'application/x-mpegURL', delivery: 'streaming' }] }, session);
    expect(r).toEqual({ kind: 'hls', url: 'http://ads.test/h.m3u8', conditioned: false });
    expect(await catalog.list(10)).toEqual([]);
  });

  it('queues one job per (identity, profile set) and skips as in progress until it completes', async () => {
    const { svc, queue, catalog, skipped } = build(() => Promise.resolve(stream));
    const [a, b] = await Promise.all([svc.resolve(mp4, session), svc.resolve(mp4, session)]);
    expect(a).toMatchObject({ kind: 'skip', reason: 'transcode_in_progress' });
    expect(b).toMatchObject({ kind: 'skip', reason: 'transcode_in_progress' });
    const id = conditionJobId({ identity: 'reg:a1', profileSetKey: 'pk' });
    expect((await queue.getJob(CONDITION_JOB_NAME, id))?.state).toBe('waiting');
    expect((await queue.counts()).waiting).toBe(1);
    expect((await catalog.list(10)).map((e) => [e.id, e.identity, e.channelId, e.contentUrl])).toEqual([[id, 'reg:a1', 'ch', 'http://origin.test/vod/master.m3u8']]);
    expect(await skipped('transcode_in_progress')).toBe('2');

    await queue.process(CONDITION_JOB_NAME, () => Promise.resolve({
      key: 'k1', identity: 'reg:a1', sourceUrl: 'x', sourceSha256: 'y', sourceBytes: 1, profileSetKey: 'pk', durationSec: 10, container: 'mpegts',
      multivariantPath: 'master.m3u8', renditions: [], loudness: null,
    }));
    for (let i = 0; i < 50 && (await queue.getJob(CONDITION_JOB_NAME, id))?.state !== 'completed'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await svc.resolve(mp4, session)).toEqual({ kind: 'hls', url: '/creatives/k1/master.m3u8', conditioned: true });
    await queue.close();
  });

  it('skips a creative whose job failed as transcode_failed, without a new job', async () => {
    const { svc, queue, skipped } = build(() => Promise.resolve(stream));
    await svc.resolve(mp4, session);
    await queue.process(CONDITION_JOB_NAME, () => Promise.reject(transcodeError('TRANSCODE_AUDIO_ONLY', 'no video')));
    const id = conditionJobId({ identity: 'reg:a1', profileSetKey: 'pk' });
    for (let i = 0; i < 100 && (await queue.getJob(CONDITION_JOB_NAME, id))?.state !== 'failed'; i++) await new Promise((r) => setTimeout(r, 10));
    const r = await svc.resolve(mp4, session);
    expect(r).toMatchObject({ kind: 'skip', reason: 'transcode_failed' });
    expect(await skipped('transcode_failed')).toBe('1');
    await queue.close();
  });

  it('answers no_variant_match for nothing to condition or an unreadable ladder', async () => {
    const { svc } = build(() => Promise.reject(transcodeError('TRANSCODE_LADDER_INVALID', 'no H.264 variant')));
    expect(await svc.resolve({ adId: 'v', mediaFiles: [{ url: 'http://ads.test/x.js', mimeType: 'application/javascript', apiFramework: 'VPAID' }] }, session)).toMatchObject({ kind: 'skip', reason: 'no_variant_match' });
    const r = await svc.resolve(mp4, session);
    expect(r).toMatchObject({ kind: 'skip', reason: 'no_variant_match' });
    expect(r.kind === 'skip' ? r.note : '').toContain('no H.264 variant');
    expect(await svc.resolve(mp4, { ...session, channelId: 'gone' })).toMatchObject({ kind: 'skip', reason: 'no_variant_match' });
  });

  it('never holds a decision past its deadline: a slow ladder read is in progress', async () => {
    const { svc } = build(() => new Promise((r) => setTimeout(() => r(stream), 2_000)));
    const started = Date.now();
    const r = await svc.resolve(mp4, session, AbortSignal.timeout(50));
    expect(r).toMatchObject({ kind: 'skip', reason: 'transcode_in_progress' });
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('ContentLadders', () => {
  const MV = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS="avc1.42c01e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=25\n360p.m3u8\n';
  const MEDIA = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\ns0.ts\n#EXTINF:2.0,\ns1.ts\n#EXT-X-ENDLIST\n';

  it('reads the ladder once per TTL and refreshes in the background', async () => {
    let now = 0;
    const fetched: string[] = [];
    const fetcher = { fetchText: (url: string) => { fetched.push(url); return Promise.resolve({ status: 200, headers: {}, url, body: url.endsWith('master.m3u8') ? MV : MEDIA }); } };
    const ladders = new ContentLadders({
      fetcher, policy: { maxTimeToFirstByteMs: 1000, maxLoadTimeMs: 1000, maxBytes: 1e6, retry: { maxRetries: 0, retryDelayMs: 0, maxRetryDelayMs: 0, backoff: 'linear' } },
      clock: { nowMs: () => now }, logger: createLogger({ level: 'silent' }), ttlMs: 1_000, preset: 'ultrafast',
    });
    const a = await ladders.profilesFor('http://o.test/master.m3u8');
    expect(a.profiles.video.map((v) => `${v.width}x${v.height}@${v.fps}`)).toEqual(['640x360@25']);
    await ladders.profilesFor('http://o.test/master.m3u8');
    expect(fetched).toEqual(['http://o.test/master.m3u8', 'http://o.test/360p.m3u8']);
    now = 5_000;
    const stale = await ladders.profilesFor('http://o.test/master.m3u8');
    expect(stale.profileSetKey).toBe(a.profileSetKey);
    await new Promise((r) => setTimeout(r, 10));
    expect(fetched).toHaveLength(4);
  });
});
