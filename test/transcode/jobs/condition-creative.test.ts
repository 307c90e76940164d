/**
 * The processor end to end with real ffmpeg: a 6 s 640x360 30 fps creative at about −11 LUFS
 * conditioned to the demo channel's ladder (2 rungs, 25 fps, 2 s TS), then checked by probing
 * what was written, and by an independent loudness meter (ebur128). Plus a tiny CMAF ladder
 * with demuxed audio and a creative without audio.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conditionCreative, meterEbur128, profilesFromLadder, readContentLadder,
  type ConditionedCreative, type ProfileSet, type Runner,
} from '../../../transcode/index.js';
import { parseHls } from '../../../manifests/index.js';
import { DEMO_LIKE_MULTIVARIANT, makeCreative, makeDeps, mediaPlaylist, tempDir } from '../support/media.js';

function demoProfiles(): ProfileSet {
  const ladder = readContentLadder({ multivariant: DEMO_LIKE_MULTIVARIANT, mediaPlaylists: { '360p.m3u8': mediaPlaylist(5, 2), '180p.m3u8': mediaPlaylist(5, 2) } });
  if (!ladder.ok) throw new Error(ladder.error.message);
  return profilesFromLadder(ladder.value, { preset: 'ultrafast' });
}

function storeDirOf(root: string, c: ConditionedCreative): string {
  return join(root, 'store', c.key);
}

describe('conditionCreative: demo-like 2-rung ladder', () => {
  let t: Awaited<ReturnType<typeof tempDir>>;
  let deps: ReturnType<typeof makeDeps>;
  let result: ConditionedCreative;
  let source: string;
  const profiles = demoProfiles();

  beforeAll(async () => {
    t = await tempDir('cond');
    source = makeCreative(t.dir, 'ad.mp4', { width: 640, height: 360, fps: 30, durationSec: 6, gainDb: 10 });
    deps = makeDeps(t.dir);
    result = await conditionCreative({ identity: 'ad-id:demo-1', mediaFiles: [{ url: pathToFileURL(source).href, mimeType: 'video/mp4', width: 640, height: 360 }], profiles }, deps);
  }, 60_000);
  afterAll(async () => t.cleanup());

  it('source really is too loud', async () => {
    const m = await meterEbur128(deps.runner, source);
    expect(m.integratedLufs).toBeGreaterThan(-13);
    expect(result.loudness?.measured.integratedLufs).toBeCloseTo(m.integratedLufs, 0);
  });

  it('writes one rendition per content variant, probed to match codec, size, fps and audio', async () => {
    expect(result.renditions.map((r) => [r.id, r.width, r.height])).toEqual([['v0', 640, 360], ['v1', 320, 180]]);
    const dir = storeDirOf(t.dir, result);
    for (const [i, r] of result.renditions.entries()) {
      // The TS workaround is exercised here: these are MPEG-TS segments.
      const p = await deps.prober.probe(join(dir, r.id, 'seg-001.ts'));
      expect(p.formatName).toBe('mpegts');
      expect(p.video).toMatchObject({ codec: 'h264', profile: 'Constrained Baseline', level: 30, width: profiles.video[i]!.width, height: profiles.video[i]!.height, fps: 25 });
      expect(p.audio).toMatchObject({ codec: 'aac', profile: 'LC', sampleRate: 48000, channels: 2 });
    }
  });

  it('cuts segments at the content segment duration (±10 %)', () => {
    for (const r of result.renditions) {
      expect(r.segmentDurationsSec.length).toBe(3);
      for (const d of r.segmentDurationsSec) expect(Math.abs(d - 2)).toBeLessThanOrEqual(0.2);
    }
    const media = parseHls(readFileSync(join(storeDirOf(t.dir, result), 'v0', 'index.m3u8'), 'utf8'));
    expect(media.ok && media.value.kind === 'media' && media.value.independentSegments && media.value.endList).toBe(true);
  });

  it('normalises loudness to −24 ± 1 LKFS (independent ebur128 meter)', async () => {
    for (const r of result.renditions) {
      const m = await meterEbur128(deps.runner, join(storeDirOf(t.dir, result), r.playlistPath));
      expect(m.integratedLufs).toBeGreaterThanOrEqual(-25);
      expect(m.integratedLufs).toBeLessThanOrEqual(-23);
    }
    expect(result.loudness?.normalizationType).toBe('linear');
  });

  it('writes a multivariant playlist with matching attributes and a URL under the store base', () => {
    expect(result.multivariantUrl).toBe(`/creatives/${result.key}/master.m3u8`);
    const mv = parseHls(readFileSync(join(storeDirOf(t.dir, result), 'master.m3u8'), 'utf8'));
    if (!mv.ok || mv.value.kind !== 'multivariant') throw new Error('not a multivariant');
    expect(mv.value.variants.map((v) => [v.uri, v.codecs, v.resolution?.width, v.frameRate])).toEqual([
      ['v0/index.m3u8', 'avc1.42c01e,mp4a.40.2', 640, 25],
      ['v1/index.m3u8', 'avc1.42c01e,mp4a.40.2', 320, 25],
    ]);
    // BANDWIDTH is measured from the segments and must not exceed what the content rung advertises.
    expect(mv.value.variants[0]!.bandwidth).toBeLessThanOrEqual(900_000);
    expect(mv.value.variants[1]!.bandwidth).toBeLessThanOrEqual(400_000);
  });

  it('reports increasing progress ending at 100', () => {
    expect(deps.progress[0]).toBe(0);
    expect(deps.progress.at(-1)).toBe(100);
    expect(deps.progress.length).toBeGreaterThan(4);
    for (let i = 1; i < deps.progress.length; i++) expect(deps.progress[i]!).toBeGreaterThan(deps.progress[i - 1]!);
  });

  it('a second run for the same bytes and profiles re-uses the stored copy without ffmpeg', async () => {
    let runs = 0;
    const counting: Runner = { run: (spec, o) => { runs++; return deps.runner.run(spec, o); } };
    const again = await conditionCreative({ identity: 'another-ad-id', mediaFiles: [{ url: pathToFileURL(source).href, mimeType: 'video/mp4' }], profiles }, { ...deps, runner: counting });
    expect(runs).toBe(0);
    expect(again.key).toBe(result.key);
    expect(again.identity).toBe('ad-id:demo-1');
  });
});

describe('conditionCreative: tiny CMAF ladder, demuxed audio, 4:3 source', () => {
  it('pads to the target aspect, writes fMP4 with init segments and an AUDIO group', async () => {
    const t = await tempDir('cmaf');
    try {
      const source = makeCreative(t.dir, 'ad43.mp4', { width: 320, height: 240, fps: 30, durationSec: 4, sampleRate: 44100 });
      const mv = '#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="en",DEFAULT=YES,CHANNELS="2",URI="a.m3u8"\n#EXT-X-STREAM-INF:BANDWIDTH=300000,CODECS="avc1.4d400c,mp4a.40.2",RESOLUTION=160x90,FRAME-RATE=25,AUDIO="aud"\nv.m3u8\n';
      const ladder = readContentLadder({ multivariant: mv, mediaPlaylists: { 'v.m3u8': mediaPlaylist(3, 2, 'm4s', 'init.mp4') } });
      if (!ladder.ok) throw new Error(ladder.error.message);
      const profiles = profilesFromLadder(ladder.value, { preset: 'ultrafast' });
      const deps = makeDeps(t.dir);
      const r = await conditionCreative({ identity: 'cmaf', mediaFiles: [{ url: pathToFileURL(source).href }], profiles }, deps);
      const dir = storeDirOf(t.dir, r);
      expect(r.renditions.map((x) => [x.id, x.kind])).toEqual([['v0', 'video'], ['a0', 'audio']]);
      expect(existsSync(join(dir, 'v0', 'init.mp4'))).toBe(true);
      expect(existsSync(join(dir, 'a0', 'init.mp4'))).toBe(true);
      const master = readFileSync(join(dir, 'master.m3u8'), 'utf8');
      expect(master).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud"');
      expect(master).toContain('CODECS="avc1.4d400c",RESOLUTION=160x90');
      const video = await deps.prober.probe(join(dir, 'v0', 'index.m3u8'));
      expect(video.video).toMatchObject({ width: 160, height: 90, fps: 25, profile: 'Main' });
      expect(video.audio).toBeUndefined();
      const audio = await deps.prober.probe(join(dir, 'a0', 'index.m3u8'));
      expect(audio.audio).toMatchObject({ sampleRate: 48000, channels: 2 });
      for (const d of r.renditions[0]!.segmentDurationsSec) expect(Math.abs(d - 2)).toBeLessThanOrEqual(0.2);
    } finally {
      await t.cleanup();
    }
  }, 60_000);
});

describe('conditionCreative: creative without audio', () => {
  it('encodes silence in the content audio format and records no loudness', async () => {
    const t = await tempDir('mute');
    try {
      const source = makeCreative(t.dir, 'mute.mp4', { width: 320, height: 180, fps: 25, durationSec: 4, audio: false });
      const deps = makeDeps(t.dir);
      const profiles = demoProfiles();
      const small = { ...profiles, video: profiles.video.slice(1) };
      const r = await conditionCreative({ identity: 'mute', mediaFiles: [{ url: pathToFileURL(source).href }], profiles: small }, deps);
      expect(r.loudness).toBeNull();
      const p = await deps.prober.probe(join(storeDirOf(t.dir, r), r.renditions[0]!.id, 'seg-000.ts'));
      expect(p.audio).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 });
    } finally {
      await t.cleanup();
    }
  }, 60_000);
});
