/**
 * Real-ffmpeg helpers for the conditioning tests: binaries (FFMPEG_PATH / FFPROBE_PATH win,
 * else the bundled ones), a generated test creative, a content ladder like the demo's, and
 * ready-made processor deps on a temp directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';
import {
  createFetchDownloader, createFfprobeProber, createFluentRunner, createFsCreativeStore,
  type ConditionDeps, type ConditionLogger,
} from '../../../transcode/index.js';

export const FFMPEG = process.env.FFMPEG_PATH ?? ffmpegInstaller.path;
export const FFPROBE = process.env.FFPROBE_PATH ?? ffprobeInstaller.path;

export interface CreativeSpec {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly durationSec: number;
  /** Gain over the sine's default level; +10 dB on a stereo 1 kHz sine lands near −12 LUFS. */
  readonly gainDb?: number;
  readonly audio?: boolean;
  readonly video?: boolean;
  /** Put moov first (`+faststart`); default true. */
  readonly faststart?: boolean;
  readonly sampleRate?: number;
}

/** Encodes a lavfi testsrc + sine MP4 (H.264 High + AAC) synchronously; returns its path. */
export function makeCreative(dir: string, name: string, spec: CreativeSpec): string {
  const out = join(dir, name);
  const args = ['-hide_banner', '-loglevel', 'error', '-y'];
  const video = spec.video ?? true;
  const audio = spec.audio ?? true;
  if (video) args.push('-f', 'lavfi', '-i', `testsrc=size=${spec.width}x${spec.height}:rate=${spec.fps}`);
  if (audio) args.push('-f', 'lavfi', '-i', `sine=frequency=1000:sample_rate=${spec.sampleRate ?? 44100}`);
  args.push('-t', String(spec.durationSec));
  if (video) args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (audio) args.push('-af', `volume=${spec.gainDb ?? 10}dB`, '-c:a', 'aac', '-ac', '2', '-b:a', '128k');
  if (spec.faststart ?? true) args.push('-movflags', '+faststart');
  args.push(out);
  const r = spawnSync(FFMPEG, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`makeCreative failed: ${r.stderr}`);
  return out;
}

export async function tempDir(prefix: string): Promise<{ readonly dir: string; readonly cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `interlude-test-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface TestDeps extends ConditionDeps {
  readonly progress: number[];
  readonly storeDir: string;
}

export const silentLogger: ConditionLogger = { info: () => undefined, warn: () => undefined };

export function makeDeps(root: string, overrides: Partial<ConditionDeps> = {}): TestDeps {
  const runner = createFluentRunner({ ffmpegPath: FFMPEG, timeoutMs: 60_000 });
  const progress: number[] = [];
  const storeDir = join(root, 'store');
  return {
    runner,
    prober: createFfprobeProber({ ffprobePath: FFPROBE, runner }),
    store: createFsCreativeStore({ rootDir: storeDir, baseUrl: '/creatives' }),
    downloader: createFetchDownloader(),
    logger: silentLogger,
    onProgress: (p) => progress.push(p),
    workDir: root,
    progress,
    storeDir,
    ...overrides,
  };
}

/** A 2-rung ladder like the demo channel's: 640x360 / 320x180, CB 3.0, 25 fps, 2 s TS. */
export const DEMO_LIKE_MULTIVARIANT = [
  '#EXTM3U',
  '#EXT-X-VERSION:3',
  '#EXT-X-INDEPENDENT-SEGMENTS',
  '#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS="avc1.42c01e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=25.000',
  '360p.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=400000,CODECS="avc1.42c01e,mp4a.40.2",RESOLUTION=320x180,FRAME-RATE=25.000',
  '180p.m3u8',
  '',
].join('\n');

export function mediaPlaylist(segments: number, durationSec: number, ext = 'ts', map?: string): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', `#EXT-X-TARGETDURATION:${Math.ceil(durationSec)}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  if (map !== undefined) lines.push(`#EXT-X-MAP:URI="${map}"`);
  for (let i = 0; i < segments; i++) lines.push(`#EXTINF:${durationSec.toFixed(3)},`, `seg-${i}.${ext}`);
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}
