/**
 * The I/O half of loudness: pass 1 (loudnorm analysis) and an ebur128 meter, both through a
 * `Runner`. The filter strings and parsers are pure (loudnorm.ts, ebur128.ts).
 */
import { issueToError, transcodeError } from '../errors.js';
import { buildEbur128Command, buildLoudnessMeasureCommand } from '../ffmpeg/analysis-commands.js';
import type { RunOptions, Runner } from '../ffmpeg/runner.js';
import { parseEbur128Summary, type Ebur128Summary } from './ebur128.js';
import type { LoudnessTarget } from './loudness-target.js';
import { loudnormMeasureFilter, parseLoudnormReport, type LoudnormReport } from './loudnorm.js';

export interface MeasuredLoudness {
  readonly report: LoudnormReport;
  /** Pass 1's stderr: it decoded the whole audio, so truncation shows up here. */
  readonly stderr: string;
}

export async function measureLoudness(runner: Runner, sourcePath: string, target: LoudnessTarget, durationSec: number, options: RunOptions = {}): Promise<MeasuredLoudness> {
  const { stderr } = await runner.run(buildLoudnessMeasureCommand(sourcePath, loudnormMeasureFilter(target), durationSec), options);
  const report = parseLoudnormReport(stderr);
  if (!report.ok) throw issueToError(report.error);
  return { report: report.value, stderr };
}

/** Integrated loudness (and LRA, true peak) of a file's first audio stream, by ebur128. */
export async function meterEbur128(runner: Runner, inputPath: string, options: RunOptions = {}): Promise<Ebur128Summary> {
  const { stderr } = await runner.run(buildEbur128Command(inputPath), options);
  const summary = parseEbur128Summary(stderr);
  if (summary === undefined) throw transcodeError('TRANSCODE_FFMPEG_FAILED', 'ebur128 printed no summary', { reason: 'no ebur128 summary' });
  return summary;
}
