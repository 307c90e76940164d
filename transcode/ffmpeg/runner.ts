/**
 * Runs an `FfmpegCommandSpec` through fluent-ffmpeg. The only file in transcode/ffmpeg that
 * starts processes.
 *
 * Guards, each for a failure we have seen take a worker down:
 * - the binary is checked executable first: fluent-ffmpeg's exit handler throws an uncaught
 *   TypeError when spawn fails, which no 'error' listener can catch;
 * - no 'progress' listener: fluent-ffmpeg answers one by running ffprobe on the input, and
 *   the bundled ffprobe crashes on MPEG-TS; we read `time=` from stderr lines instead;
 * - a timeout and an AbortSignal, both SIGKILL the process (ffmpeg ignores SIGTERM while
 *   blocked in a filter graph).
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import ffmpeg from 'fluent-ffmpeg';
import { transcodeError, TranscodeError } from '../errors.js';
import type { FfmpegCommandSpec } from './command-spec.js';
import { classifyFfmpegFailure, parseProgressTime } from './stderr-classify.js';

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** Overrides the runner's default. */
  readonly timeoutMs?: number;
  /** Called with 0..100 (integers, increasing) as ffmpeg reports `time=`. */
  readonly onProgress?: (percent: number) => void;
}

export interface RunResult {
  /** ffmpeg's stderr, at most the last `stderrMaxLines` lines (loudnorm/ebur128 reports). */
  readonly stderr: string;
  readonly wallMs: number;
}

/**
 * Runs one ffmpeg command to completion. Resolves when ffmpeg exits 0. Rejects with a
 * `TranscodeError`: TRANSCODE_FFMPEG_UNAVAILABLE (binary missing/not executable),
 * TRANSCODE_MEDIA_CORRUPT / TRANSCODE_MEDIA_TRUNCATED (ffmpeg said so), TRANSCODE_TIMEOUT,
 * TRANSCODE_ABORTED, TRANSCODE_FFMPEG_FAILED (anything else; `reason` has stderr's tail).
 */
export interface Runner {
  run(spec: FfmpegCommandSpec, options?: RunOptions): Promise<RunResult>;
}

export interface FluentRunnerOptions {
  readonly ffmpegPath: string;
  /** Default 10 minutes. */
  readonly timeoutMs?: number;
  /** Default 2000. */
  readonly stderrMaxLines?: number;
}

export function createFluentRunner(options: FluentRunnerOptions): Runner {
  const defaultTimeout = options.timeoutMs ?? 600_000;
  const maxLines = options.stderrMaxLines ?? 2000;
  return {
    async run(spec, runOptions = {}) {
      await assertExecutable(options.ffmpegPath);
      if (runOptions.signal?.aborted === true) throw transcodeError('TRANSCODE_ABORTED', 'ffmpeg not started: the job was aborted');
      const started = Date.now();
      const cmd = toFluent(spec, options.ffmpegPath);
      const lines: string[] = [];
      let lastPercent = -1;
      let stopped: 'timeout' | 'abort' | undefined;
      const timeoutMs = runOptions.timeoutMs ?? defaultTimeout;
      return new Promise<RunResult>((resolve, reject) => {
        const kill = (why: 'timeout' | 'abort') => {
          stopped ??= why;
          cmd.kill('SIGKILL');
        };
        const timer = setTimeout(() => kill('timeout'), timeoutMs);
        const onAbort = () => kill('abort');
        runOptions.signal?.addEventListener('abort', onAbort, { once: true });
        const done = () => {
          clearTimeout(timer);
          runOptions.signal?.removeEventListener('abort', onAbort);
        };
        cmd.on('stderr', (line: string) => {
          lines.push(line);
          if (lines.length > maxLines) lines.shift();
          if (runOptions.onProgress === undefined || spec.durationSec <= 0) return;
          const t = parseProgressTime(line);
          if (t === undefined) return;
          const percent = Math.min(100, Math.floor((t / spec.durationSec) * 100));
          if (percent > lastPercent) {
            lastPercent = percent;
            runOptions.onProgress(percent);
          }
        });
        cmd.on('end', () => {
          done();
          resolve({ stderr: lines.join('\n'), wallMs: Date.now() - started });
        });
        cmd.on('error', (e: Error) => {
          done();
          const stderr = lines.join('\n');
          if (stopped === 'timeout') return reject(transcodeError('TRANSCODE_TIMEOUT', `ffmpeg ran over ${timeoutMs} ms and was killed`, { timeoutMs }));
          if (stopped === 'abort') return reject(transcodeError('TRANSCODE_ABORTED', 'ffmpeg was killed: the job was aborted'));
          const verdict = classifyFfmpegFailure(stderr);
          reject(transcodeError(verdict.code, `ffmpeg failed: ${verdict.reason}`, { reason: verdict.reason, message: e.message }, { cause: e }));
        });
        cmd.run();
      });
    },
  };
}

/** Throws TRANSCODE_FFMPEG_UNAVAILABLE unless `path` is an executable file. */
export async function assertExecutable(path: string): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch (e) {
    throw new TranscodeError('TRANSCODE_FFMPEG_UNAVAILABLE', `not executable: ${path} (set FFMPEG_PATH / FFPROBE_PATH)`, { path }, { cause: e });
  }
}

function toFluent(spec: FfmpegCommandSpec, ffmpegPath: string): ffmpeg.FfmpegCommand {
  // stdoutLines bounds fluent-ffmpeg's own stdout/stderr rings (0 would be unbounded); we
  // keep stderr ourselves, line by line, in run().
  const cmd = ffmpeg({ stdoutLines: 1 }).setFfmpegPath(ffmpegPath);
  spec.inputs.forEach((input, i) => {
    // fluent-ffmpeg has no global-option API; ffmpeg reads global options anywhere before
    // the first output, so they ride as the first input's options (toArgv does the same).
    cmd.input(input.path).inputOptions(i === 0 ? [...spec.globalOptions, ...input.options] : [...input.options]);
  });
  if (spec.complexFilter !== undefined) cmd.complexFilter(spec.complexFilter);
  for (const output of spec.outputs) cmd.output(output.path).outputOptions([...output.options]);
  return cmd;
}
