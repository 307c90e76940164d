/**
 * Errors the fetcher throws. Local until src/errors owns the catalogue; the codes follow
 * its `<AREA>_<WHAT>` form so the lead can move them over unchanged.
 *
 * - FETCH_TIMEOUT: no first byte within maxTimeToFirstByteMs, or the body took longer
 *   than maxLoadTimeMs. Retried like a network error.
 * - FETCH_TOO_LARGE: the body (or its Content-Length) passed maxBytes. Not retried.
 * - FETCH_HTTP_STATUS: a final non-2xx status (5xx after retries); `status` holds it.
 * - FETCH_NETWORK: connection refused/reset, DNS, TLS, malformed response. Retried.
 * - FETCH_URL_REJECTED: the URL (or a redirect target) failed the URL guard, or there were
 *   too many redirects. Not retried.
 * - FETCH_ABORTED: the caller's signal fired (its deadline passed). Not retried.
 */
export const FETCH_ERROR_CODES = [
  'FETCH_TIMEOUT',
  'FETCH_TOO_LARGE',
  'FETCH_HTTP_STATUS',
  'FETCH_NETWORK',
  'FETCH_URL_REJECTED',
  'FETCH_ABORTED',
] as const;

export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

export interface FetchErrorContext {
  readonly url?: string;
  readonly status?: number;
  readonly kind?: string;
  readonly attempts?: number;
  readonly cause?: unknown;
}

export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly code: FetchErrorCode;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly kind: string | undefined;
  readonly attempts: number | undefined;

  constructor(code: FetchErrorCode, message: string, context: FetchErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.url = context.url;
    this.status = context.status;
    this.kind = context.kind;
    this.attempts = context.attempts;
  }

  /** Worth another attempt: the server or the path may do better next time. */
  get retryable(): boolean {
    return this.code === 'FETCH_NETWORK' || this.code === 'FETCH_TIMEOUT'
      || (this.code === 'FETCH_HTTP_STATUS' && this.status !== undefined && this.status >= 500);
  }
}

export function isFetchError(e: unknown): e is FetchError {
  return e instanceof FetchError;
}
