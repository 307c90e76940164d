// Bad creatives through the whole service (in-process queue, real ffmpeg): each fault fails
// its job with a clear TRANSCODE_* reason after bounded attempts, the API shows it failed,
// later breaks skip it as `transcode_failed`, and the break is still filled by the HLS ad.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreative, tempDir } from '../transcode/support/media.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { startWorld, type SharedWorld } from './player-harness.js';
import { adSegmentTargets, metricValue, playOnce, startConditioningService, type ConditioningService } from './conditioning-harness.js';

interface Fault {
  readonly id: string;
  readonly path: string;
  readonly code: RegExp;
  readonly attempts: number;
}

const FAULTS: readonly Fault[] = [
  { id: 'corrupt', path: '/corrupt.mp4', code: /^TRANSCODE_(MEDIA_CORRUPT|NOT_VIDEO)$/, attempts: 1 },
  { id: 'truncated', path: '/truncated.mp4', code: /^TRANSCODE_(MEDIA_TRUNCATED|MEDIA_CORRUPT)$/, attempts: 1 },
  { id: 'text', path: '/text.mp4', code: /^TRANSCODE_NOT_VIDEO$/, attempts: 1 },
  { id: 'audio-only', path: '/audio.mp4', code: /^TRANSCODE_AUDIO_ONLY$/, attempts: 1 },
  { id: 'too-large', path: '/big.mp4', code: /^TRANSCODE_DOWNLOAD_TOO_LARGE$/, attempts: 1 },
  // retryable: tried `attempts` (2) times, then failed
  { id: 'timeout', path: '/slow.mp4', code: /^TRANSCODE_DOWNLOAD_TIMEOUT$/, attempts: 2 },
];

function vast(media: string, hlsUrl: string): string {
  const ad = (id: string, file: string, type: string, delivery: string) => `
  <Ad id="${id}"><InLine><AdSystem>faults</AdSystem><AdTitle>${id}</AdTitle>
    <Error><![CDATA[${media}/error?ad=${id}]]></Error>
    <Impression><![CDATA[${media}/imp?ad=${id}]]></Impression>
    <Creatives><Creative id="c-${id}"><UniversalAdId idRegistry="faults">${id}</UniversalAdId>
      <Linear><Duration>00:00:05</Duration><MediaFiles>
        <MediaFile delivery="${delivery}" type="${type}" width="480" height="270"><![CDATA[${file}]]></MediaFile>
      </MediaFiles></Linear></Creative></Creatives></InLine></Ad>`;
  const faults = FAULTS.map((f) => ad(f.id, `${media}${f.path}`, 'video/mp4', 'progressive')).join('');
  return `<?xml version="1.0"?><VAST version="4.1">${faults}${ad('hls-green', hlsUrl, 'application/x-mpegURL', 'streaming')}</VAST>`;
}

let world: SharedWorld;
let media: LoopbackServer;
let svc: ConditioningService;
let cleanupDir: () => Promise<void>;

beforeAll(async () => {
  world = await startWorld();
  const tmp = await tempDir('faults');
  cleanupDir = tmp.cleanup;
  const good = await readFile(makeCreative(tmp.dir, 'good.mp4', { width: 160, height: 90, fps: 25, durationSec: 2, faststart: false }));
  const audio = await readFile(makeCreative(tmp.dir, 'audio.mp4', { width: 160, height: 90, fps: 25, durationSec: 2, video: false }));
  // binary noise that no demuxer recognises (not text: the sniffer would call it NOT_VIDEO)
  let seed = 7;
  const garbage = Buffer.from(Array.from({ length: 64 * 1024 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23));
  const files: Record<string, Buffer> = {
    '/corrupt.mp4': garbage,
    '/truncated.mp4': good.subarray(0, Math.floor(good.length * 0.6)),
    '/text.mp4': Buffer.from('<html><body>Not found, but with a 200</body></html>\n'.repeat(20)),
    '/audio.mp4': audio,
  };
  const hlsUrl = `${world.demo.originBaseUrl}ads/ad-green/master.m3u8`;
  media = await startLoopbackServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/vast') return void res.writeHead(200, { 'content-type': 'application/xml' }).end(vast(media.origin, hlsUrl));
    if (path === '/slow.mp4') return void res.writeHead(200, { 'content-type': 'video/mp4' }).write(Buffer.alloc(1024)); // never ends
    if (path === '/big.mp4') return void res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(3_000_000) }).end(Buffer.alloc(3_000_000));
    const body = files[path];
    if (body === undefined) return void res.writeHead(path === '/imp' || path === '/error' ? 204 : 404).end();
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(body.length) }).end(body);
  });
  svc = await startConditioningService('in-process', {
    channels: [{ id: 'faults', origin: world.demo.originBaseUrl, adDecision: { type: 'vast', url: `${media.origin}/vast?sid=[session.id]`, timeoutMs: 1_500 }, vodPreroll: false }],
    conditioning: { maxSourceBytes: 2_000_000, downloadTimeoutMs: 1_000 },
  });
}, 120_000);

afterAll(async () => {
  await svc?.close();
  await media?.close();
  await world?.close();
  await cleanupDir?.();
});

describe('faulty creatives', () => {
  it('fail with a clear reason after bounded attempts, visible in the API, and never block the break', async () => {
    const path = world.demo.channelPaths['demo-vod'];
    const first = await playOnce(svc, 'faults', path);
    // the HLS ad fills the break while every MP4 is still being looked at
    const firstTargets = await adSegmentTargets(svc, first.playlists[0] ?? '');
    expect(firstTargets.length).toBeGreaterThan(0);
    expect(firstTargets.every((t) => t.includes('/ads/ad-green/'))).toBe(true);

    const settled = await svc.waitSettled(FAULTS.length, 60_000);
    expect(settled).toHaveLength(FAULTS.length);
    for (const fault of FAULTS) {
      const c = settled.find((x) => x.adId === fault.id);
      expect(c, fault.id).toBeDefined();
      expect(c?.status, fault.id).toBe('failed');
      expect(c?.failure?.code, `${fault.id}: ${JSON.stringify(c?.failure)}`).toMatch(fault.code);
      expect(c?.failure?.reason.length, fault.id).toBeGreaterThan(5);
      expect(c?.attemptsMade, fault.id).toBe(fault.attempts);
      const one = JSON.parse((await svc.get(`/api/v1/creatives/${c?.id ?? ''}`)).text) as { status: string };
      expect(one.status).toBe('failed');
    }

    // a later session: every fault is skipped as failed (no new job), the HLS ad still plays
    const before = await metricValue(svc, 'ads_skipped_total', 'reason="transcode_failed"');
    const second = await playOnce(svc, 'faults', path);
    expect(await metricValue(svc, 'ads_skipped_total', 'reason="transcode_failed"')).toBe(before + 2 * FAULTS.length);
    expect((await svc.creatives())).toHaveLength(FAULTS.length);
    const targets = await adSegmentTargets(svc, second.playlists[0] ?? '');
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.every((t) => t.includes('/ads/ad-green/'))).toBe(true);
    expect(await metricValue(svc, 'transcode_jobs_total', 'outcome="failed"')).toBe(FAULTS.length);
    expect(await metricValue(svc, 'transcode_jobs_total', 'outcome="retried"')).toBe(1);
  }, 90_000);
});
