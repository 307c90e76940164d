import { mkdtemp, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HLS_ASSETS, DEMO_LADDER, DEMO_MEDIA_VERSION, DEMO_SEGMENT_DURATION_SEC } from '../../../../src/demo/media/demo-assets.js';
import { classifyDemoFrame } from '../../../../src/demo/media/frame-colours.js';
import { ensureDemoMedia, loadValidCatalog, type DemoMedia } from '../../../../src/demo/media/generate.js';
import { findHlsAsset, MEDIA_MANIFEST_FILE } from '../../../../src/demo/media/media-catalog.js';
import { decodeFrameRgb, probeMedia, sharedDemoMedia, videoFrameTypes } from '../support.js';

let media: DemoMedia;

beforeAll(async () => {
  media = await sharedDemoMedia();
}, 120_000);

function segmentPath(assetId: string, file: string): string {
  return join(media.mediaDir, assetId, file);
}

describe('demo media generation', () => {
  it('writes every asset in every rendition of the ladder, with 2-s segments', () => {
    expect(media.catalog.generatorVersion).toBe(DEMO_MEDIA_VERSION);
    for (const spec of DEMO_HLS_ASSETS) {
      const asset = findHlsAsset(media.catalog, spec.id);
      expect(asset, spec.id).toBeDefined();
      expect(asset!.renditions.map((r) => `${r.width}x${r.height}`)).toEqual(DEMO_LADDER.map((r) => `${r.width}x${r.height}`));
      for (const r of asset!.renditions) {
        const total = r.segments.reduce((n, s) => n + s.durationSec, 0);
        expect(total).toBeCloseTo(spec.durationSec, 1);
        // Every segment but the last is exactly one segment duration; the last holds the rest.
        for (const s of r.segments.slice(0, -1)) expect(s.durationSec).toBeCloseTo(DEMO_SEGMENT_DURATION_SEC, 2);
        expect(r.segments.length).toBe(Math.ceil(spec.durationSec / DEMO_SEGMENT_DURATION_SEC));
      }
    }
    const content = findHlsAsset(media.catalog, 'content')!;
    expect(content.renditions[0]!.segments).toHaveLength(60);
    // The ladder's declared bandwidths are measured from the files, highest rendition first.
    expect(content.renditions[0]!.bandwidth).toBeGreaterThan(content.renditions[1]!.bandwidth);
  });

  it('produces H.264 + AAC segments at the ladder resolutions and about 2 s long (ffprobe)', async () => {
    const content = findHlsAsset(media.catalog, 'content')!;
    for (const r of content.renditions) {
      const probe = await probeMedia(segmentPath('content', r.segments[10]!.file));
      const video = probe.streams.find((s) => s.codec_type === 'video');
      const audio = probe.streams.find((s) => s.codec_type === 'audio');
      expect(video?.codec_name).toBe('h264');
      expect(video?.profile).toBe('Constrained Baseline');
      expect(video?.level).toBe(30);
      expect([video?.width, video?.height]).toEqual([r.width, r.height]);
      expect(audio?.codec_name).toBe('aac');
      expect(audio?.sample_rate).toBe(48000);
      expect(audio?.channels).toBe(2);
      expect(Number(probe.format.duration)).toBeGreaterThan(1.9);
      expect(Number(probe.format.duration)).toBeLessThan(2.15);
    }
  });

  it('starts every segment with a key frame and has no other (one closed GOP per segment)', async () => {
    const content = findHlsAsset(media.catalog, 'content')!;
    for (const index of [0, 17, 59]) {
      const types = await videoFrameTypes(segmentPath('content', content.renditions[1]!.segments[index]!.file));
      expect(types).toMatch(/^IP+$/);
      expect(types).toHaveLength(50);
    }
  });

  it('gives ads, slate and content frames colours a pixel check can tell apart', async () => {
    const frameOf = async (assetId: string) => classifyDemoFrame(await decodeFrameRgb(segmentPath(assetId, findHlsAsset(media.catalog, assetId)!.renditions[0]!.segments[0]!.file)), { channels: 3 });
    expect(await frameOf('ad-red')).toBe('adRed');
    expect(await frameOf('ad-blue')).toBe('adBlue');
    expect(await frameOf('ad-green')).toBe('adGreen');
    expect(await frameOf('slate')).toBe('slate');
    expect(await frameOf('content')).toBe('content');
    const mp4 = media.catalog.mp4[0]!;
    expect(classifyDemoFrame(await decodeFrameRgb(join(media.mediaDir, mp4.file)), { channels: 3 })).toBe('mp4Yellow');
  });

  it('writes the MP4-only creative off the ladder (it needs conditioning)', async () => {
    const mp4 = media.catalog.mp4[0]!;
    const probe = await probeMedia(join(media.mediaDir, mp4.file));
    const video = probe.streams.find((s) => s.codec_type === 'video');
    expect(probe.format.format_name).toContain('mp4');
    expect(video?.codec_name).toBe('h264');
    expect([video?.width, video?.height]).toEqual([480, 270]);
    expect(video?.r_frame_rate).toBe('30/1');
    expect(Number(probe.format.duration)).toBeCloseTo(10, 0);
  });

  it('reuses the cache on the next start without running ffmpeg', async () => {
    const manifest = join(media.mediaDir, MEDIA_MANIFEST_FILE);
    const segment = segmentPath('content', findHlsAsset(media.catalog, 'content')!.renditions[0]!.segments[0]!.file);
    const before = [(await stat(manifest)).mtimeMs, (await stat(segment)).mtimeMs];
    const again = await ensureDemoMedia({ mediaDir: media.mediaDir, ffmpegPath: '/nonexistent/ffmpeg-must-not-run' });
    expect(again.generated).toBe(false);
    expect(again.catalog).toEqual(media.catalog);
    expect([(await stat(manifest)).mtimeMs, (await stat(segment)).mtimeMs]).toEqual(before);
    // This process left no temporary or stale directory beside the cache (other test workers
    // may be generating concurrently on a cold cache, so only our pid's names are checked).
    const siblings = await readdir(dirname(media.mediaDir));
    expect(siblings.filter((n) => n.includes(`.tmp-${process.pid}-`) || n.includes(`.stale-${process.pid}-`))).toEqual([]);
  });
});

describe('demo media cache validation', () => {
  it('rejects a manifest from another generator version, or with missing files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'interlude-demo-cache-'));
    try {
      const good = { ...(await sharedDemoMedia()).catalog };
      await writeFile(join(dir, MEDIA_MANIFEST_FILE), JSON.stringify({ ...good, generatorVersion: 'demo-media-0' }));
      expect(await loadValidCatalog(dir)).toBeUndefined();
      // Right version but the segments are not there: not a cache either.
      await writeFile(join(dir, MEDIA_MANIFEST_FILE), JSON.stringify(good));
      expect(await loadValidCatalog(dir)).toBeUndefined();
      await writeFile(join(dir, MEDIA_MANIFEST_FILE), '{ not json');
      expect(await loadValidCatalog(dir)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails with a coded error, and leaves no temporary directory, when ffmpeg cannot run', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'interlude-demo-fail-'));
    try {
      await mkdir(parent, { recursive: true });
      const target = join(parent, 'media');
      await expect(ensureDemoMedia({ mediaDir: target, ffmpegPath: join(parent, 'no-such-ffmpeg') })).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(await readdir(parent)).toEqual([]);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
