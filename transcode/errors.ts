/**
 * The conditioning catalogue. transcode/ may not import src/ (STYLE.md dependency table), so
 * it carries its own codes, `TRANSCODE_<WHAT>`, in the same shape as `src/errors/codes.ts`:
 * the service maps them to its catalogue (and to a `PermanentJobError` when `retryable` is
 * false) at the queue edge.
 *
 * `retryable`: a later attempt may succeed (network, timeout, ffmpeg killed). Bad input never
 * gets better by retrying, so every media-content code is `retryable: false`.
 */
export interface TranscodeErrorInfo {
  readonly retryable: boolean;
  readonly description: string;
}

export const TRANSCODE_ERROR_CODES = {
  TRANSCODE_NO_MEDIA_FILE: { retryable: false, description: 'The creative lists no MediaFile that could be a video source (only streaming, VPAID, images…); `identity`.' },
  TRANSCODE_DOWNLOAD_FAILED: { retryable: true, description: 'The source could not be fetched (network, non-2xx); `url`, `reason`, `status` when known.' },
  TRANSCODE_DOWNLOAD_TIMEOUT: { retryable: true, description: 'The download did not finish within `timeoutMs`; `url`.' },
  TRANSCODE_DOWNLOAD_TOO_LARGE: { retryable: false, description: 'The source is larger than `maxBytes` (Content-Length or bytes read); `url`.' },
  TRANSCODE_MEDIA_CORRUPT: { retryable: false, description: 'ffmpeg cannot read the file as media (bad header, undecodable); `reason` is ffmpeg\'s own line.' },
  TRANSCODE_MEDIA_TRUNCATED: { retryable: false, description: 'The file ends early (no moov atom, partial file); `reason`.' },
  TRANSCODE_NOT_VIDEO: { retryable: false, description: 'The file is not a video (text, image, unknown format); `reason`, `format`.' },
  TRANSCODE_AUDIO_ONLY: { retryable: false, description: 'The file has audio but no video stream; `format`, `durationSec`.' },
  TRANSCODE_LADDER_INVALID: { retryable: false, description: 'The content ladder cannot be read or has no video variant; `reason`.' },
  TRANSCODE_FFMPEG_UNAVAILABLE: { retryable: false, description: 'The ffmpeg/ffprobe binary is missing or not executable; `path`.' },
  TRANSCODE_FFMPEG_FAILED: { retryable: true, description: 'ffmpeg exited with an error; `reason` is its last stderr lines, `exitCode` when known.' },
  TRANSCODE_TIMEOUT: { retryable: true, description: 'ffmpeg ran longer than `timeoutMs` and was killed.' },
  TRANSCODE_ABORTED: { retryable: true, description: 'The caller aborted the job (shutdown); ffmpeg was killed.' },
  TRANSCODE_STORE_FAILED: { retryable: true, description: 'The conditioned files could not be stored; `key`, `reason`.' },
} as const satisfies Record<string, TranscodeErrorInfo>;

export type TranscodeErrorCode = keyof typeof TRANSCODE_ERROR_CODES;

/** JSON-safe context values, so the error can cross a queue as job failure data. */
export type TranscodeErrorContext = Readonly<Record<string, string | number | boolean | null>>;

/** The only error transcode/ throws. */
export class TranscodeError extends Error {
  readonly code: TranscodeErrorCode;
  readonly retryable: boolean;
  readonly context: TranscodeErrorContext;

  constructor(code: TranscodeErrorCode, message: string, context: TranscodeErrorContext = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TranscodeError';
    this.code = code;
    this.retryable = TRANSCODE_ERROR_CODES[code].retryable;
    this.context = context;
  }
}

export function transcodeError(code: TranscodeErrorCode, message: string, context?: TranscodeErrorContext, options?: ErrorOptions): TranscodeError {
  return new TranscodeError(code, message, context, options);
}

export function isTranscodeError(e: unknown): e is TranscodeError {
  return e instanceof TranscodeError;
}

/** A pure-code failure value (for `Result`s from ladder/ and probe parsing). */
export interface TranscodeIssue {
  readonly code: TranscodeErrorCode;
  readonly message: string;
  readonly context?: TranscodeErrorContext;
}

export function issueToError(issue: TranscodeIssue): TranscodeError {
  return new TranscodeError(issue.code, issue.message, issue.context ?? {});
}
