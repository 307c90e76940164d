/**
 * The ffprobe implementation of `Prober`, with the MPEG-TS workaround: the bundled ffprobe
 * (2023 static build) dies with SIGSEGV on any MPEG-TS input, so TS (sniffed by its 0x47
 * sync bytes, or a `.ts` URL) is first remuxed to MP4 by ffmpeg (stream copy, fast) and the
 * MP4 is probed. A probe that still dies by a signal is retried the same way.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToError, transcodeError } from '../errors.js';
import { buildRemuxToMp4Command } from '../ffmpeg/analysis-commands.js';
import { assertExecutable, type Runner } from '../ffmpeg/runner.js';
import { classifyFfmpegFailure } from '../ffmpeg/stderr-classify.js';
import { parseFfprobeJson } from './ffprobe-json.js';
import type { MediaProbe, Prober } from './media-probe.js';

export interface FfprobeProberOptions {
  readonly ffprobePath: string;
  /** Runs the TS→MP4 remux. */
  readonly runner: Runner;
  /** Default 30 s. */
  readonly timeoutMs?: number;
  /** Where remuxed copies go; default the OS temp dir. */
  readonly tempDir?: string;
}

export function createFfprobeProber(options: FfprobeProberOptions): Prober {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const direct = (input: string, signal?: AbortSignal) => runFfprobe(options.ffprobePath, input, timeoutMs, signal);
  const viaMp4 = async (input: string, signal?: AbortSignal): Promise<MediaProbe> => {
    const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'interlude-probe-'));
    try {
      const mp4 = join(dir, 'remux.mp4');
      await options.runner.run(buildRemuxToMp4Command(input, mp4), { timeoutMs, ...(signal === undefined ? {} : { signal }) });
      const probed = await direct(mp4, signal);
      // The remux drops the container name; say what the file really was.
      return { ...probed, formatName: 'mpegts' };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return {
    async probe(input, probeOptions = {}) {
      await assertExecutable(options.ffprobePath);
      if (await looksLikeMpegTs(input)) return viaMp4(input, probeOptions.signal);
      try {
        return await direct(input, probeOptions.signal);
      } catch (e) {
        if (e instanceof ProbeCrash) return viaMp4(input, probeOptions.signal);
        throw e;
      }
    },
  };
}

class ProbeCrash extends Error {
  constructor(readonly signal: string) {
    super(`ffprobe died by ${signal}`);
  }
}

function runFfprobe(path: string, input: string, timeoutMs: number, signal?: AbortSignal): Promise<MediaProbe> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input];
  return new Promise((resolve, reject) => {
    execFile(path, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, killSignal: 'SIGKILL', ...(signal === undefined ? {} : { signal }) }, (error, stdout, stderr) => {
      if (error !== null) {
        if (signal?.aborted === true) return reject(transcodeError('TRANSCODE_ABORTED', 'ffprobe was killed: the job was aborted'));
        if (error.killed === true) return reject(transcodeError('TRANSCODE_TIMEOUT', `ffprobe ran over ${timeoutMs} ms`, { timeoutMs }));
        if (typeof error.signal === 'string') return reject(new ProbeCrash(error.signal));
        const verdict = classifyFfmpegFailure(stderr);
        const code = verdict.code === 'TRANSCODE_FFMPEG_FAILED' ? 'TRANSCODE_MEDIA_CORRUPT' : verdict.code;
        return reject(transcodeError(code, `ffprobe cannot read the file: ${verdict.reason}`, { reason: verdict.reason }));
      }
      const parsed = parseFfprobeJson(stdout);
      if (!parsed.ok) return reject(issueToError(parsed.error));
      resolve(parsed.value);
    });
  });
}

async function looksLikeMpegTs(input: string): Promise<boolean> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return /\.ts(\?|$)/i.test(input);
  let handle;
  try {
    handle = await open(input, 'r');
    const buf = Buffer.alloc(189);
    const { bytesRead } = await handle.read(buf, 0, 189, 0);
    return bytesRead >= 189 && buf[0] === 0x47 && buf[188] === 0x47;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
