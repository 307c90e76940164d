/**
 * Conditioning wall time: a 15 s 1080p30 creative (−11 LUFS) to a 3-rung 25 fps ladder
 * (1080p High 4.0 / 720p High 3.1 / 360p Main 3.0, 2 s TS, veryfast), three ways, same run:
 * - bare: the same two ffmpeg commands (loudness pass 1, the one-pass encode) spawned
 *   directly — the baseline; target: ours ≤ 1.05× bare;
 * - ours: `conditionCreative` end to end (copy + hash, probe, both passes through
 *   fluent-ffmpeg, playlist read-back, multivariant, store commit);
 * - per-rendition: one ffmpeg run per rung instead of one split run (the design choice).
 * Also prints time-to-ready ÷ ad duration. Async, so it times itself rather than using
 * harness.ts's synchronous loop. About 2 minutes on 2 cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';
import {
  ATSC_A85_TARGET, buildConditionCommand, buildLoudnessMeasureCommand, conditionCreative, createFetchDownloader,
  createFfprobeProber, createFluentRunner, createFsCreativeStore, loudnormApplyFilter, loudnormMeasureFilter,
  parseLoudnormReport, profilesFromLadder, readContentLadder, toArgv, type FfmpegCommandSpec, type ProfileSet,
} from '../../transcode/index.js';

const FFMPEG = process.env.FFMPEG_PATH ?? ffmpegInstaller.path;
const FFPROBE = process.env.FFPROBE_PATH ?? ffprobeInstaller.path;
const DURATION = 15;

function ladderProfiles(): ProfileSet {
  const mv = [
    '#EXTM3U',
    '#EXT-X-STREAM-INF:BANDWIDTH=5000000,CODECS="avc1.640028,mp4a.40.2",RESOLUTION=1920x1080,FRAME-RATE=25',
    '1080.m3u8',
    '#EXT-X-STREAM-INF:BANDWIDTH=2800000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=25',
    '720.m3u8',
    '#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS="avc1.4d401e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=25',
    '360.m3u8',
    '',
  ].join('\n');
  const media = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n${'#EXTINF:2.000,\ns.ts\n'.repeat(5)}#EXT-X-ENDLIST\n`;
  const ladder = readContentLadder({ multivariant: mv, mediaPlaylists: { '1080.m3u8': media, '720.m3u8': media, '360.m3u8': media } });
  if (!ladder.ok) throw new Error(ladder.error.message);
  return profilesFromLadder(ladder.value, { preset: 'veryfast' });
}

function spawnFfmpeg(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`ffmpeg ${code}: ${err.slice(-400)}`))));
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const work = await mkdtemp(join(tmpdir(), 'interlude-bench-cond-'));
try {
  const source = join(work, 'ad-1080p.mp4');
  const gen = spawnSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000',
    '-t', String(DURATION), '-af', 'volume=10dB', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', '-movflags', '+faststart', source]);
  if (gen.status !== 0) throw new Error(gen.stderr.toString());
  const profiles = ladderProfiles();

  const bare = async (outDir: string) => {
    const pass1 = await spawnFfmpeg(toArgv(buildLoudnessMeasureCommand(source, loudnormMeasureFilter(ATSC_A85_TARGET), DURATION)));
    const m = parseLoudnormReport(pass1);
    if (!m.ok) throw new Error(m.error.message);
    await Promise.all(profiles.video.map((v) => mkdir(join(outDir, v.id), { recursive: true })));
    const spec = buildConditionCommand({ sourcePath: source, profiles, outDir, durationSec: DURATION, sourceHasAudio: true, loudnormFilter: loudnormApplyFilter(ATSC_A85_TARGET, m.value.input) });
    await spawnFfmpeg(toArgv(spec));
  };

  const runner = createFluentRunner({ ffmpegPath: FFMPEG });
  const ours = async (i: number) => {
    const root = join(work, `ours-${i}`);
    await conditionCreative({ identity: `bench-${i}`, mediaFiles: [{ url: pathToFileURL(source).href, mimeType: 'video/mp4' }], profiles }, {
      runner, prober: createFfprobeProber({ ffprobePath: FFPROBE, runner }), store: createFsCreativeStore({ rootDir: join(root, 'store'), baseUrl: '/creatives' }),
      downloader: createFetchDownloader(), logger: { info: () => undefined, warn: () => undefined }, onProgress: () => undefined, workDir: work,
    });
  };

  const perRendition = async (outDir: string) => {
    const pass1 = await spawnFfmpeg(toArgv(buildLoudnessMeasureCommand(source, loudnormMeasureFilter(ATSC_A85_TARGET), DURATION)));
    const m = parseLoudnormReport(pass1);
    if (!m.ok) throw new Error(m.error.message);
    for (const v of profiles.video) {
      await mkdir(join(outDir, v.id), { recursive: true });
      const spec: FfmpegCommandSpec = buildConditionCommand({ sourcePath: source, profiles: { ...profiles, video: [v] }, outDir, durationSec: DURATION, sourceHasAudio: true, loudnormFilter: loudnormApplyFilter(ATSC_A85_TARGET, m.value.input) });
      await spawnFfmpeg(toArgv(spec));
    }
  };

  // Warm fluent-ffmpeg's one-off capability probe (`ffmpeg -formats`) outside the timing.
  await runner.run({ inputs: [{ path: 'anullsrc', options: ['-f', 'lavfi', '-t', '0.1'] }], globalOptions: ['-hide_banner'], outputs: [{ path: '-', options: ['-f', 'null'] }], durationSec: 0 });

  const bareMs = await timed(() => bare(join(work, 'bare')));
  const oursMs = await timed(() => ours(1));
  const perMs = await timed(() => perRendition(join(work, 'per')));
  const ratio = oursMs / bareMs;
  const rows: [string, number][] = [['bare ffmpeg (baseline)', bareMs], ['conditionCreative', oursMs], ['one run per rendition', perMs]];
  console.log(`\nconditioning: ${DURATION} s 1080p30 → 1080p/720p/360p @25, 2 s TS, veryfast  (ratio vs bare ffmpeg)`);
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(24)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${(ms / bareMs).toFixed(2).padStart(5)}×`);
  console.log(`  target conditionCreative ≤ 1.05× bare: ${ratio.toFixed(3)}× ${ratio <= 1.05 ? 'MET' : 'MISSED'}`);
  console.log(`  time-to-ready ÷ ad duration: ${(oursMs / 1000 / DURATION).toFixed(2)}`);
  console.log(`  one split run vs one run per rendition: ${(perMs / bareMs).toFixed(2)}× slower per rendition`);
} finally {
  await rm(work, { recursive: true, force: true });
}
