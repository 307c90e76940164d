import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { interludeError } from '../../errors/index.js';
import {
  DEMO_AUDIO,
  DEMO_COLOURS,
  DEMO_FPS,
  DEMO_LADDER,
  DEMO_SEGMENT_DURATION_SEC,
  hexColour,
  type DemoHlsAssetSpec,
  type DemoMp4AssetSpec,
} from './demo-assets.js';

/** The playlist ffmpeg writes per rendition; only read back for segment durations. */
export const FFMPEG_PLAYLIST = 'ffmpeg.m3u8';

/**
 * Encodes one asset into every rendition of the ladder in a single ffmpeg run (one decode of
 * the lavfi sources, split and scaled per rendition), as HLS MPEG-TS with a keyframe forced on
 * every segment boundary so each segment starts a closed GOP. x264 `ultrafast` never emits
 * B-frames, so GOPs are closed without further flags.
 */
export function encodeHlsAsset(spec: DemoHlsAssetSpec, assetDir: string, ffmpegPath: string): Promise<void> {
  const top = DEMO_LADDER[0];
  if (top === undefined) return Promise.resolve();
  const size = `${top.width}x${top.height}`;
  const cmd = ffmpeg().setFfmpegPath(ffmpegPath);
  let video: string;
  let videoInputs = 2;
  if (spec.colour === undefined) {
    // Content: static SMPTE bars (cheap to encode) with a small animated test card inset, so
    // motion is visible without paying for a full-frame moving pattern.
    cmd.input(`smptebars=size=${size}:rate=${DEMO_FPS}`).inputFormat('lavfi');
    cmd.input(`testsrc2=size=192x108:rate=${DEMO_FPS}`).inputFormat('lavfi');
    video = '[0:v][1:v]overlay=x=W-w-24:y=24';
  } else if (spec.kind === 'slate') {
    cmd.input(`color=c=${hexColour(DEMO_COLOURS[spec.colour])}:size=${size}:rate=${DEMO_FPS}`).inputFormat('lavfi');
    video = '[0:v]null';
    videoInputs = 1;
  } else {
    // A small white square sweeps across the ad so playback is visibly moving; it covers
    // under 2% of the frame, so the frame stays "predominantly" the ad's colour.
    cmd.input(`color=c=${hexColour(DEMO_COLOURS[spec.colour])}:size=${size}:rate=${DEMO_FPS}`).inputFormat('lavfi');
    cmd.input(`color=c=white:size=48x48:rate=${DEMO_FPS}`).inputFormat('lavfi');
    video = `[0:v][1:v]overlay=x='mod(t*160,W-w)':y=(H-h)/2`;
  }
  const audioInput = videoInputs;
  cmd.input(audioSource(spec.toneHz)).inputFormat('lavfi');

  const labels = DEMO_LADDER.map((_, i) => `[s${i}]`).join('');
  const scales = DEMO_LADDER.map((r, i) => `[s${i}]scale=${r.width}:${r.height}[v${i}]`).join(';');
  cmd.complexFilter(`${video},format=yuv420p,split=${DEMO_LADDER.length}${labels};${scales}`);

  const gop = DEMO_FPS * DEMO_SEGMENT_DURATION_SEC;
  DEMO_LADDER.forEach((r, i) => {
    cmd.output(join(assetDir, r.name, FFMPEG_PLAYLIST)).outputOptions([
      '-map', `[v${i}]`,
      '-map', `${audioInput}:a`,
      '-t', String(spec.durationSec),
      ...h264Options(r.videoKbps, gop),
      ...aacOptions(),
      '-f', 'hls',
      '-hls_time', String(DEMO_SEGMENT_DURATION_SEC),
      '-hls_list_size', '0',
      '-hls_playlist_type', 'vod',
      '-hls_segment_filename', join(assetDir, r.name, 'seg-%03d.ts'),
    ]);
  });
  return Promise.all(DEMO_LADDER.map((r) => mkdir(join(assetDir, r.name), { recursive: true }))).then(() => run(cmd, spec.id));
}

/** Encodes the progressive MP4 creative (deliberately off-ladder: other size and frame rate). */
export function encodeMp4Asset(spec: DemoMp4AssetSpec, file: string, ffmpegPath: string): Promise<void> {
  const cmd = ffmpeg().setFfmpegPath(ffmpegPath);
  cmd.input(`color=c=${hexColour(DEMO_COLOURS[spec.colour])}:size=${spec.width}x${spec.height}:rate=${spec.fps}`).inputFormat('lavfi');
  cmd.input(`color=c=white:size=40x40:rate=${spec.fps}`).inputFormat('lavfi');
  cmd.input(audioSource(spec.toneHz)).inputFormat('lavfi');
  cmd.complexFilter(`[0:v][1:v]overlay=x='mod(t*160,W-w)':y=(H-h)/2,format=yuv420p[v]`);
  cmd.output(file).outputOptions([
    '-map', '[v]',
    '-map', '2:a',
    '-t', String(spec.durationSec),
    ...h264Options(spec.videoKbps, spec.fps * 2),
    ...aacOptions(),
    '-movflags', '+faststart',
    '-f', 'mp4',
  ]);
  return run(cmd, spec.id);
}

function audioSource(toneHz: number | undefined): string {
  return toneHz === undefined
    ? `anullsrc=channel_layout=stereo:sample_rate=${DEMO_AUDIO.sampleRate}`
    : `sine=frequency=${toneHz}:sample_rate=${DEMO_AUDIO.sampleRate}`;
}

function h264Options(kbps: number, gop: number): string[] {
  return [
    '-c:v', 'libx264',
    '-preset', 'ultrafast',
    '-profile:v', 'baseline',
    '-level', '3.0',
    '-pix_fmt', 'yuv420p',
    '-b:v', `${kbps}k`,
    '-maxrate', `${kbps}k`,
    '-bufsize', `${kbps * 2}k`,
    '-g', String(gop),
    '-keyint_min', String(gop),
    '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${DEMO_SEGMENT_DURATION_SEC})`,
  ];
}

function aacOptions(): string[] {
  return [
    '-c:a', DEMO_AUDIO.codec,
    '-b:a', `${DEMO_AUDIO.bitrateKbps}k`,
    '-ac', String(DEMO_AUDIO.channels),
    '-ar', String(DEMO_AUDIO.sampleRate),
  ];
}

/** Rejects with an InterludeError whose context carries ffmpeg's last stderr lines. */
function run(cmd: ffmpeg.FfmpegCommand, assetId: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    cmd
      .on('end', () => resolve())
      .on('error', (e: Error, _stdout: string | null, stderr: string | null) => {
        const stderrTail = (stderr ?? '').split('\n').slice(-8).join('\n');
        reject(interludeError('INTERNAL', `demo media: ffmpeg failed for ${assetId}: ${e.message}`, { assetId, stderrTail }, { cause: e }));
      })
      .run();
  });
}
