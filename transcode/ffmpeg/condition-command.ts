/**
 * The conditioning encode: one ffmpeg run that decodes the creative once and writes every
 * rendition of the profile set (video branches split from one decode, audio normalised once
 * and split). On 2 cores this is faster than one run per rendition, which decodes the source
 * N times (measured: test/bench/conditioning.bench.ts). Pure.
 *
 * Outputs go to `<outDir>/<target id>/` (see hls-args.ts); demuxed audio to `<outDir>/a0/`.
 */
import type { ProfileSet } from '../profiles/target-profile.js';
import { aacOptions, audioChain, silenceSource } from './audio-args.js';
import type { FfmpegCommandSpec, FfmpegInput, FfmpegOutput } from './command-spec.js';
import { hlsOptions, RENDITION_PLAYLIST } from './hls-args.js';
import { videoBranch, x264Options } from './video-args.js';

export const DEMUXED_AUDIO_ID = 'a0';

export interface ConditionCommandInput {
  readonly sourcePath: string;
  readonly profiles: ProfileSet;
  readonly outDir: string;
  /** Source duration (seconds), for progress and to bound the silence input. */
  readonly durationSec: number;
  /** Whether the source has an audio stream; without one, silence is encoded. */
  readonly sourceHasAudio: boolean;
  /** Pass-2 loudnorm filter (loudness/loudnorm.ts), undefined to skip normalisation. */
  readonly loudnormFilter?: string;
}

export function buildConditionCommand(c: ConditionCommandInput): FfmpegCommandSpec {
  const { profiles: p, outDir } = c;
  const inputs: FfmpegInput[] = [{ path: c.sourcePath, options: [] }];
  const audio = p.audio;
  let audioIn = '0:a:0';
  if (audio !== undefined && !c.sourceHasAudio) {
    inputs.push({ path: silenceSource(audio), options: ['-f', 'lavfi', '-t', String(c.durationSec)] });
    audioIn = '1:a:0';
  }

  const graph: string[] = [];
  const n = p.video.length;
  graph.push(n > 1 ? `[0:v:0]split=${n}${p.video.map((_, i) => `[s${i}]`).join('')}` : '[0:v:0]null[s0]');
  p.video.forEach((v, i) => graph.push(videoBranch(v, `s${i}`, `v${i}`)));
  const audioLabels = audio === undefined ? [] : p.audioMode === 'demuxed' ? ['ad'] : p.video.map((_, i) => `a${i}`);
  if (audio !== undefined) graph.push(audioChain(audio, audioIn, c.sourceHasAudio ? c.loudnormFilter : undefined, audioLabels));

  const outputs: FfmpegOutput[] = p.video.map((v, i) => {
    const dir = `${outDir}/${v.id}`;
    const muxAudio = audio !== undefined && p.audioMode === 'muxed';
    return {
      path: `${dir}/${RENDITION_PLAYLIST}`,
      options: [
        '-map', `[v${i}]`,
        ...(muxAudio ? ['-map', `[a${i}]`] : []),
        ...x264Options(v, p.segmentDurationSec, p.encoder.preset),
        ...(muxAudio ? aacOptions(audio) : ['-an']),
        ...hlsOptions(p.segmentDurationSec, p.container, dir),
      ],
    };
  });
  if (audio !== undefined && p.audioMode === 'demuxed') {
    const dir = `${outDir}/${DEMUXED_AUDIO_ID}`;
    outputs.push({
      path: `${dir}/${RENDITION_PLAYLIST}`,
      options: ['-map', '[ad]', '-vn', ...aacOptions(audio), ...hlsOptions(p.segmentDurationSec, p.container, dir)],
    });
  }
  return {
    inputs,
    globalOptions: ['-hide_banner', '-nostdin', '-loglevel', 'info'],
    complexFilter: graph.join(';'),
    outputs,
    durationSec: c.durationSec,
  };
}
