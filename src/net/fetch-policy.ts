/**
 * How one kind of outbound request behaves (STYLE §11: fetch behaviour is data, one policy
 * per request kind, units in names). Defined here until src/config owns the zod schema;
 * the shape is the one the config schema will export, so the lead can swap the import.
 *
 * `maxTimeToFirstByteMs` and `maxLoadTimeMs` bound each attempt; the caller's signal (an ad
 * source's deadline, say) bounds the whole call, retries included.
 */
export interface RetryPolicy {
  /** Extra attempts after the first; 0 means no retry. */
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly backoff: 'exponential' | 'linear';
}

export interface FetchPolicy {
  /** From sending the request until the response headers arrive (connect included). */
  readonly maxTimeToFirstByteMs: number;
  /** From sending the request until the last body byte, per attempt. */
  readonly maxLoadTimeMs: number;
  /** Body size bound, enforced while streaming. */
  readonly maxBytes: number;
  readonly retry: RetryPolicy;
}

/** Which caller a request is for; used in error messages, logs and metrics labels. */
export type RequestKind = 'origin-manifest' | 'vast' | 'bid-request' | 'beacon' | (string & {});

/** Delay before retry number `attempt` (0-based), never above `maxRetryDelayMs`. */
export function retryDelayMs(retry: RetryPolicy, attempt: number): number {
  const raw = retry.backoff === 'exponential'
    ? retry.retryDelayMs * 2 ** attempt
    : retry.retryDelayMs * (attempt + 1);
  return Math.min(raw, retry.maxRetryDelayMs);
}

/** A VAST document: small, must be quick, one quick retry at most (the source deadline rules). */
export const DEFAULT_VAST_FETCH_POLICY: FetchPolicy = {
  maxTimeToFirstByteMs: 1_000,
  maxLoadTimeMs: 1_500,
  maxBytes: 1024 * 1024,
  retry: { maxRetries: 1, retryDelayMs: 50, maxRetryDelayMs: 200, backoff: 'exponential' },
};
