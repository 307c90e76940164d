/**
 * Errors of the queue layer.
 *
 * Handlers throw the first two to tell the queue what to do next:
 * - RetryableJobError (JOB_RETRYABLE): try again after the backoff delay, and not before
 *   `retryAfterMs` when set (a server's Retry-After). The job fails once attempts run out.
 * - PermanentJobError (JOB_PERMANENT): retrying cannot help (a 404, a rejected URL); the
 *   job fails now whatever attempts remain.
 * Any other error a handler throws counts as retryable.
 *
 * QueueError is thrown by the queue itself for caller mistakes. These codes are local
 * until src/errors/codes.ts has a QUEUE_* area; they follow its `<AREA>_<WHAT>` form.
 * - QUEUE_BAD_JOB_ID: the jobId breaks the rule in job-queue.ts (`isValidJobId`).
 * - QUEUE_HANDLER_EXISTS: `process` was called twice for one name on one queue object.
 * - QUEUE_CLOSED: `add` or `process` after `close()`.
 */
export type JobErrorCode = 'JOB_RETRYABLE' | 'JOB_PERMANENT';
export type QueueErrorCode = 'QUEUE_BAD_JOB_ID' | 'QUEUE_HANDLER_EXISTS' | 'QUEUE_CLOSED';

export class RetryableJobError extends Error {
  override readonly name = 'RetryableJobError';
  readonly code: JobErrorCode = 'JOB_RETRYABLE';
  /** Wait at least this long before the next attempt. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
  readonly code: JobErrorCode = 'JOB_PERMANENT';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

export class QueueError extends Error {
  override readonly name = 'QueueError';
  readonly code: QueueErrorCode;

  constructor(code: QueueErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Duck-typed on purpose: a handler's error may come from another copy of this module
 * (a worker bundled separately), where `instanceof` would fail.
 */
export function isPermanentJobError(e: unknown): boolean {
  return e instanceof PermanentJobError || (e instanceof Error && (e as { code?: unknown }).code === 'JOB_PERMANENT');
}

/** The Retry-After a handler asked for, if any. */
export function retryAfterOf(e: unknown): number | undefined {
  if (!(e instanceof Error)) return undefined;
  const v = (e as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : 'handler failed without an Error';
}
