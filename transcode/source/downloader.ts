/**
 * Fetches a creative's source into a local file and hashes it on the way.
 *
 * Guarantees of every implementation: at most `maxBytes` are written (a larger body or a
 * larger Content-Length fails as TRANSCODE_DOWNLOAD_TOO_LARGE before or while reading);
 * the whole download (connect, headers, body) is bounded by `timeoutMs`
 * (TRANSCODE_DOWNLOAD_TIMEOUT); a non-2xx answer or a network failure is
 * TRANSCODE_DOWNLOAD_FAILED; the caller's `signal` aborts it (TRANSCODE_ABORTED). On any
 * failure the partial file may remain; the caller owns `destPath`'s directory and removes it.
 *
 * The service provides an undici-based implementation with its URL guard and fetch policy;
 * `createFetchDownloader` (fetch-downloader.ts) is the default for tests and the embedded mode.
 */
export interface DownloadRequest {
  readonly url: string;
  readonly destPath: string;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface DownloadResult {
  readonly bytes: number;
  /** Lower-case hex SHA-256 of the bytes written. */
  readonly sha256: string;
  readonly contentType?: string;
}

export interface Downloader {
  download(request: DownloadRequest): Promise<DownloadResult>;
}
