/**
 * Read-only ffmpeg runs: loudness pass 1, an ebur128 meter, a TS→MP4 remux for probing.
 * Pure builders.
 */
import { EBUR128_FILTER } from '../loudness/ebur128.js';
import type { FfmpegCommandSpec } from './command-spec.js';

const QUIET = ['-hide_banner', '-nostdin', '-loglevel', 'info'];
const NULL_OUT = { path: '-', options: ['-f', 'null'] } as const;

/** Pass 1: decode the first audio stream only, run loudnorm in analysis mode. */
export function buildLoudnessMeasureCommand(sourcePath: string, measureFilter: string, durationSec: number): FfmpegCommandSpec {
  return {
    inputs: [{ path: sourcePath, options: [] }],
    globalOptions: QUIET,
    outputs: [{ path: NULL_OUT.path, options: ['-map', '0:a:0', '-vn', '-sn', '-dn', '-af', measureFilter, ...NULL_OUT.options] }],
    durationSec,
  };
}

/** An independent loudness meter (tests, QA): ebur128 over the first audio stream. */
export function buildEbur128Command(inputPath: string): FfmpegCommandSpec {
  return {
    inputs: [{ path: inputPath, options: [] }],
    globalOptions: [...QUIET.slice(0, 2), '-loglevel', 'info'],
    outputs: [{ path: NULL_OUT.path, options: ['-map', '0:a:0', '-vn', '-af', EBUR128_FILTER, ...NULL_OUT.options] }],
    durationSec: 0,
  };
}

/**
 * Copies the streams of an MPEG-TS file into MP4 so the bundled ffprobe (which crashes on TS)
 * can read it. AAC in TS is ADTS; MP4 needs the `aac_adtstoasc` bitstream filter.
 */
export function buildRemuxToMp4Command(inputPath: string, outputPath: string): FfmpegCommandSpec {
  return {
    inputs: [{ path: inputPath, options: [] }],
    globalOptions: [...QUIET.slice(0, 2), '-loglevel', 'error'],
    outputs: [{ path: outputPath, options: ['-map', '0:v?', '-map', '0:a?', '-c', 'copy', '-bsf:a', 'aac_adtstoasc', '-f', 'mp4'] }],
    durationSec: 0,
  };
}
