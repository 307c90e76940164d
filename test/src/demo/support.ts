// Shared helpers for the demo tests: the media cache (generated once, reused by every file and
// by `npm start`), and probing through the bundled binaries.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { ensureDemoMedia, type DemoMedia } from '../../../src/demo/media/generate.js';
import { resolveFfmpegBinaries } from '../../../src/demo/media/ffmpeg-binaries.js';

const binaries = resolveFfmpegBinaries();

/** The shared cache (var/demo-media). The first caller in a cold checkout pays for generation. */
export function sharedDemoMedia(): Promise<DemoMedia> {
  return ensureDemoMedia();
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'interlude-demo-probe-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runFfmpeg(cmd: ffmpeg.FfmpegCommand): Promise<void> {
  return new Promise((resolve, reject) => {
    cmd.on('end', () => resolve()).on('error', (e: Error) => reject(e)).run();
  });
}

function ffprobe(file: string): Promise<ffmpeg.FfprobeData> {
  return new Promise((resolve, reject) => {
    ffmpeg(file)
      .setFfprobePath(binaries.ffprobePath)
      .ffprobe((e: Error | null, data: ffmpeg.FfprobeData) => (e ? reject(e) : resolve(data)));
  });
}

/**
 * ffprobe of a file. MPEG-TS is remuxed (stream copy) to MP4 first: the bundled ffprobe
 * crashes (SIGSEGV) on any MPEG-TS input, while the bundled ffmpeg reads TS fine.
 */
export function probeMedia(file: string): Promise<ffmpeg.FfprobeData> {
  if (!file.endsWith('.ts')) return ffprobe(file);
  return withTempDir(async (dir) => {
    const mp4 = join(dir, 'remux.mp4');
    await runFfmpeg(ffmpeg(file).setFfmpegPath(binaries.ffmpegPath).outputOptions(['-map', '0', '-c', 'copy', '-f', 'mp4']).output(mp4));
    return ffprobe(mp4);
  });
}

/**
 * The picture types of every video frame in decode order ("IPPP…"), from ffmpeg's showinfo
 * filter (ffprobe's frame output is not parsed by fluent-ffmpeg, and ffprobe cannot read TS here).
 */
export function videoFrameTypes(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    ffmpeg(file, { stdoutLines: 0 })
      .setFfmpegPath(binaries.ffmpegPath)
      .outputOptions(['-map', '0:v', '-vf', 'showinfo', '-f', 'null'])
      .output('-')
      .on('end', (_stdout: string | null, stderr: string | null) => {
        const types = [...(stderr ?? '').matchAll(/ type:([IPB])/g)].map((m) => m[1]).join('');
        resolve(types);
      })
      .on('error', (e: Error) => reject(e))
      .run();
  });
}

/** One decoded frame (at `atSec` into the file) as rgb24, scaled to 32×18. */
export function decodeFrameRgb(file: string, atSec = 0.5): Promise<Uint8Array> {
  return withTempDir(async (dir) => {
    const raw = join(dir, 'frame.rgb');
    await runFfmpeg(
      ffmpeg(file)
        .setFfmpegPath(binaries.ffmpegPath)
        // Output-side seek: decode and drop. Input-side -ss lands before a TS segment's
        // first timestamp and yields no frame at all.
        .outputOptions(['-ss', String(atSec), '-frames:v', '1', '-vf', 'scale=32:18', '-pix_fmt', 'rgb24', '-f', 'rawvideo'])
        .output(raw),
    );
    return new Uint8Array(await readFile(raw));
  });
}
