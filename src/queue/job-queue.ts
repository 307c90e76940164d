/**
 * The job queue seen by the rest of the service (beacon delivery, transcode jobs). Two
 * implementations sit behind it: `InProcessJobQueue` (embedded default, no Redis) and
 * `BullMqJobQueue` (shared by every instance and worker through Redis). One conformance
 * suite, test/contract/job-queue.contract.ts, holds both to the guarantees below.
 *
 * Vocabulary: a job has a `name` (what kind of work: `beacon`, `transcode`) and an `id`
 * (what piece of work: a beacon's idempotency key). An attempt is one call of the handler.
 *
 * Guarantees:
 * - Dedupe: `add` (and each job of `addBulk`) with an id that the queue still holds
 *   (waiting, delayed, active, completed or failed and not yet pruned by retention) adds
 *   nothing. Across instances too, for BullMQ. The returned `JobInfo` is a receipt of what
 *   was asked (id, name, data, `waiting`/`delayed`), not a read of the stored job: reading
 *   it back costs BullMQ two more round trips per job. `getJob` shows the stored one.
 * - At least once: a job whose handler has not finished (process killed, lock lost) is
 *   run again (BullMQ: by stalled-job recovery; in-process: a dead process loses its
 *   queue with it, which is why the embedded mode is single-process only). Handlers must
 *   therefore be idempotent, e.g. by sending an idempotency key.
 * - Retries: a handler that throws is retried until `attempts` attempts were made, each
 *   after `backoffDelayMs(...)` (backoff.ts), never before a `RetryableJobError`'s
 *   `retryAfterMs`. `PermanentJobError` fails the job at once. Any other thrown value
 *   counts as retryable.
 * - Bounded concurrency: at most `concurrency` handlers of one name run at a time in one
 *   `process` registration (per worker process for BullMQ).
 * - `close()` stops taking new jobs, waits for running handlers to finish, then releases
 *   timers and connections. Jobs still waiting stay in Redis (BullMQ) or are dropped
 *   (in-process).
 *
 * Errors: `add` and `process` throw `QueueError` (job-errors.ts) for a bad job id
 * (QUEUE_BAD_JOB_ID), a second handler for one name (QUEUE_HANDLER_EXISTS) or use after
 * close (QUEUE_CLOSED); backend failures surface as the backend's own error.
 */
import type { JsonValue } from '../errors/index.js';

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

/** What a handler may report while it runs: a percentage or a small JSON object. */
export type JobProgress = number | { readonly [key: string]: JsonValue };

export interface BackoffOptions {
  readonly type: 'exponential';
  /** Delay before the first retry; each later retry doubles it. */
  readonly delayMs: number;
  /** No single delay exceeds this (a server's Retry-After may still ask for longer). */
  readonly maxDelayMs: number;
  /** 0..1: the delay is drawn uniformly from [d·(1−jitter), d]. 0 means exact delays. */
  readonly jitter: number;
}

export interface AddJobOptions {
  /**
   * The dedupe key. Letters, digits, `.`, `_` and `-`, 1 to 200 characters (BullMQ
   * reserves `:` and numeric ids). Default: a random id (no dedupe).
   */
  readonly jobId?: string;
  /** Total attempts including the first. Default 1 (no retry). */
  readonly attempts?: number;
  /** Default: exponential from 1 s, capped at 60 s, jitter 0.2. */
  readonly backoff?: BackoffOptions;
  /** Run no earlier than this long from now. */
  readonly delayMs?: number;
}

export interface BulkJob<T = JsonValue> {
  readonly name: string;
  readonly data: T;
  readonly options?: AddJobOptions;
}

export interface JobInfo<T = JsonValue, R = JsonValue> {
  readonly id: string;
  readonly name: string;
  readonly data: T;
  readonly state: JobState;
  /** Attempts that have finished (successfully or not). */
  readonly attemptsMade: number;
  readonly progress: JobProgress;
  /** The message of the last failure, also while a retry is pending. */
  readonly failedReason: string | undefined;
  readonly returnValue: R | undefined;
}

/** What a handler gets for one attempt. */
export interface JobContext<T = JsonValue> {
  readonly id: string;
  readonly name: string;
  readonly data: T;
  /** 1-based number of this attempt. */
  readonly attempt: number;
  /** The job's `attempts` option: `attempt === maxAttempts` means no retry follows a failure. */
  readonly maxAttempts: number;
  updateProgress(progress: JobProgress): Promise<void>;
}

export type JobHandler<T = JsonValue, R = JsonValue> = (job: JobContext<T>) => Promise<R>;

export interface ProcessOptions {
  /** Handlers of this name running at once. Default 1. */
  readonly concurrency?: number;
}

export interface JobCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  readonly completed: number;
}

export interface JobQueue {
  /** Adds a job, or nothing when one with the same `jobId` is held; returns a receipt (see above). */
  add<T extends JsonValue>(name: string, data: T, options?: AddJobOptions): Promise<JobInfo<T>>;
  /**
   * Adds several jobs in one backend round trip, each deduped by its `jobId` as `add` does.
   * Ids are all checked before anything is added. Not atomic across jobs on BullMQ.
   */
  addBulk?<T extends JsonValue>(jobs: readonly BulkJob<T>[]): Promise<JobInfo<T>[]>;
  /** Starts handling jobs of `name`; at most one handler per name per queue object. */
  process<T extends JsonValue, R extends JsonValue>(name: string, handler: JobHandler<T, R>, options?: ProcessOptions): Promise<void>;
  /** The job's current view; `undefined` when unknown or pruned by retention. */
  getJob(name: string, id: string): Promise<JobInfo | undefined>;
  /** Totals over every name this queue object has added or processed (queue-depth metrics). */
  counts(): Promise<JobCounts>;
  close(): Promise<void>;
}

export const DEFAULT_BACKOFF: BackoffOptions = { type: 'exponential', delayMs: 1_000, maxDelayMs: 60_000, jitter: 0.2 };

const JOB_ID = /^[A-Za-z0-9._-]{1,200}$/;

/** True when `id` may be used as a jobId by both implementations. */
export function isValidJobId(id: string): boolean {
  return JOB_ID.test(id) && !/^\d+$/.test(id);
}
