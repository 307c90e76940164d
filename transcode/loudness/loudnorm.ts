/**
 * Two-pass EBU R128 normalisation with ffmpeg's `loudnorm`. Pure: filter strings and parsers.
 *
 * Pass 1 runs the filter in analysis mode and prints a JSON block on stderr; pass 2 feeds
 * the measured values back with `linear=true`, so the whole ad gets one gain (no pumping).
 * loudnorm falls back to dynamic mode by itself when one gain would break the true-peak
 * ceiling; pass 2's own JSON says which it did (`normalization_type`).
 * loudnorm resamples to 192 kHz internally, so an `aresample` must follow it.
 */
import { err, ok, type Result } from '../../manifests/index.js';
import type { TranscodeIssue } from '../errors.js';
import type { LoudnessMeasurement, LoudnessTarget } from './loudness-target.js';

export function loudnormMeasureFilter(target: LoudnessTarget): string {
  return `loudnorm=I=${num(target.integratedLufs)}:TP=${num(target.truePeakDbtp)}:LRA=${num(target.lraLu)}:print_format=json`;
}

export function loudnormApplyFilter(target: LoudnessTarget, m: LoudnessMeasurement): string {
  return [
    `loudnorm=I=${num(target.integratedLufs)}`,
    `TP=${num(target.truePeakDbtp)}`,
    `LRA=${num(target.lraLu)}`,
    `measured_I=${num(m.integratedLufs)}`,
    `measured_TP=${num(m.truePeakDbtp)}`,
    `measured_LRA=${num(m.lraLu)}`,
    `measured_thresh=${num(m.thresholdLufs)}`,
    `offset=${num(m.targetOffsetLu)}`,
    'linear=true',
    'print_format=json',
  ].join(':');
}

export interface LoudnormReport {
  readonly input: LoudnessMeasurement;
  readonly outputIntegratedLufs: number;
  readonly outputTruePeakDbtp: number;
  readonly normalizationType: string;
}

/**
 * Finds loudnorm's JSON block in ffmpeg's stderr (the last `{ … }` after a
 * `[Parsed_loudnorm` line). Silence measures as `-inf`, which we report as an issue: a
 * silent ad cannot be normalised, and its gain would be infinite.
 */
export function parseLoudnormReport(stderr: string): Result<LoudnormReport, TranscodeIssue> {
  const at = stderr.lastIndexOf('[Parsed_loudnorm');
  const open = stderr.indexOf('{', at < 0 ? 0 : at);
  const close = open < 0 ? -1 : stderr.indexOf('}', open);
  if (at < 0 || open < 0 || close < 0) return failed('no loudnorm report in ffmpeg output');
  let raw: unknown;
  try {
    raw = JSON.parse(stderr.slice(open, close + 1));
  } catch {
    return failed('loudnorm report is not JSON');
  }
  if (raw === null || typeof raw !== 'object') return failed('loudnorm report is not an object');
  const r = raw as Record<string, unknown>;
  const field = (name: string): number => Number(r[name]);
  const input: LoudnessMeasurement = {
    integratedLufs: field('input_i'),
    truePeakDbtp: field('input_tp'),
    lraLu: field('input_lra'),
    thresholdLufs: field('input_thresh'),
    targetOffsetLu: field('target_offset'),
  };
  if (!Object.values(input).every(Number.isFinite)) return failed(`loudnorm could not measure the audio (silent?): input_i=${String(r.input_i)}`);
  return ok({
    input,
    outputIntegratedLufs: field('output_i'),
    outputTruePeakDbtp: field('output_tp'),
    normalizationType: typeof r.normalization_type === 'string' ? r.normalization_type : 'unknown',
  });
}

function failed(reason: string): { readonly ok: false; readonly error: TranscodeIssue } {
  return err({ code: 'TRANSCODE_MEDIA_CORRUPT', message: `loudness measurement: ${reason}`, context: { reason } });
}

function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}
