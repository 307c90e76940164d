/**
 * Turns an ffmpeg/ffprobe failure into a catalogue code from what it printed. Pure. The
 * patterns are ffmpeg's own messages (libavformat/mov.c "moov atom not found", utils.c
 * "Invalid data found when processing input", …); the matched line becomes the `reason`.
 */
import type { TranscodeErrorCode } from '../errors.js';

const TRUNCATED = /moov atom not found|offset 0x[0-9a-f]+: partial file|truncating packet|premature end|unexpected end of file/i;
const CORRUPT = /Invalid data found when processing input|could not find codec parameters|error while decoding|invalid nal|header damaged|no frame!|does not contain any stream|Failed to read frame size/i;

const ROOT_CAUSE = /no such|unrecognized|unknown encoder|unknown decoder|permission denied|error opening|option not found/i;
const TELLING = /error|no such|failed|not found|permission denied|unable|cannot|invalid/i;

export interface StderrVerdict {
  readonly code: TranscodeErrorCode;
  /** The most telling line (the matched one, else the last non-empty line). */
  readonly reason: string;
}

export function classifyFfmpegFailure(stderr: string): StderrVerdict {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const truncated = lines.find((l) => TRUNCATED.test(l));
  if (truncated !== undefined) return { code: 'TRANSCODE_MEDIA_TRUNCATED', reason: truncated };
  const corrupt = lines.find((l) => CORRUPT.test(l));
  if (corrupt !== undefined) return { code: 'TRANSCODE_MEDIA_CORRUPT', reason: corrupt };
  // ffmpeg cascades: the first root-cause line ("No such filter") beats the generic tail.
  const root = lines.find((l) => ROOT_CAUSE.test(l));
  const telling = lines.filter((l) => TELLING.test(l) && !/^Conversion failed/.test(l)).slice(-2);
  const reason = root ?? (telling.length > 0 ? telling : lines.slice(-3)).join(' | ');
  return { code: 'TRANSCODE_FFMPEG_FAILED', reason: reason || 'ffmpeg failed without output' };
}

/** Lines ffmpeg prints for a file that ended early but still exited 0 (decode went on). */
export function findTruncationWarning(stderr: string): string | undefined {
  return stderr.split('\n').map((l) => l.trim()).find((l) => TRUNCATED.test(l));
}

/** ffmpeg's `time=00:01:02.50` progress field, in seconds; undefined when absent. */
export function parseProgressTime(line: string): number | undefined {
  const m = /time=\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(line);
  if (m === null) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}
