/**
 * JobQueue on BullMQ (Redis): shared by every service instance and worker process.
 *
 * Each job name is its own BullMQ queue (`<prefix>:<name>:…` keys), so each name gets its
 * own worker with its own concurrency, and `jobId` dedupe is BullMQ's own (an add with a
 * held id is a no-op). Retries use one custom backoff strategy (`interlude-exponential`)
 * that knows `maxDelayMs`, jitter and a handler's `retryAfterMs`; BullMQ's built-in
 * exponential has no cap and no Retry-After.
 *
 * Crash safety is BullMQ's stalled-job recovery: a worker holds a lock of `lockDurationMs`
 * on each active job and renews it; when the process dies the lock lapses, and within
 * `stalledIntervalMs` another worker moves the job back to waiting and runs it again
 * (up to `maxStalledCount` times). Handlers must be idempotent (job-queue.ts).
 */
import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type BulkJobOptions, type Job } from 'bullmq';
import type { JsonValue } from '../errors/index.js';
import { backoffDelayMs, type RandomSource } from './backoff.js';
import { QueueError, isPermanentJobError, messageOf, retryAfterOf } from './job-errors.js';
import {
  DEFAULT_BACKOFF, isValidJobId,
  type AddJobOptions, type BackoffOptions, type BulkJob, type JobCounts, type JobHandler, type JobInfo, type JobProgress, type JobQueue, type JobState, type ProcessOptions,
} from './job-queue.js';

export interface BullMqQueueOptions {
  /** `redis://…`; each Queue and Worker opens its own connections from it. */
  readonly redisUrl: string;
  /** BullMQ's key prefix; tests use their own and delete it afterwards. Default `interlude:bull`. */
  readonly prefix?: string;
  /** How often a worker looks for jobs whose lock lapsed. Default 30 000 ms (BullMQ's). */
  readonly stalledIntervalMs?: number;
  /** How many times a job may be recovered after a crash before it fails. Default 2. */
  readonly maxStalledCount?: number;
  /** Lock on an active job, renewed at half this. Default 30 000 ms (BullMQ's). */
  readonly lockDurationMs?: number;
  /** Completed jobs stay (and dedupe their id) this long. Default 1 h. */
  readonly keepCompletedMs?: number;
  /** Failed jobs stay this long, for inspection. Default 24 h. */
  readonly keepFailedMs?: number;
  readonly random?: RandomSource;
  /** Connection and worker errors (Redis down); BullMQ keeps retrying on its own. */
  readonly onError?: (error: Error) => void;
}

const STRATEGY = 'interlude-exponential';

/** What we store as BullMQ's `opts.backoff`; BullMQ keeps unknown fields as they are. */
interface StoredBackoff {
  readonly type: string;
  readonly delay: number;
  readonly jitter: number;
  readonly maxDelayMs: number;
}

type AnyJob = Job<JsonValue, JsonValue, string>;

export class BullMqJobQueue implements JobQueue {
  readonly #options: BullMqQueueOptions;
  readonly #queues = new Map<string, Queue<JsonValue, JsonValue, string>>();
  readonly #workers = new Map<string, Worker<JsonValue, JsonValue, string>>();
  readonly #random: RandomSource;
  #closed = false;

  constructor(options: BullMqQueueOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  async add<T extends JsonValue>(name: string, data: T, options: AddJobOptions = {}): Promise<JobInfo<T>> {
    if (this.#closed) throw new QueueError('QUEUE_CLOSED', 'the queue is closed');
    const id = options.jobId ?? randomUUID();
    checkId(id);
    await this.#queue(name).add(name, data, this.#jobOptions(id, options));
    return receipt(name, data, id, options);
  }

  async addBulk<T extends JsonValue>(jobs: readonly BulkJob<T>[]): Promise<JobInfo<T>[]> {
    if (this.#closed) throw new QueueError('QUEUE_CLOSED', 'the queue is closed');
    const ids = jobs.map((j) => j.options?.jobId ?? randomUUID());
    ids.forEach(checkId);
    // BullMQ's addBulk is per queue (one MULTI); each name is its own queue here.
    const byName = new Map<string, { name: string; data: T; opts: BulkJobOptions }[]>();
    jobs.forEach((j, i) => {
      const list = byName.get(j.name) ?? [];
      list.push({ name: j.name, data: j.data, opts: this.#jobOptions(ids[i] ?? randomUUID(), j.options ?? {}) });
      byName.set(j.name, list);
    });
    if (jobs.length === 0) return [];
    await Promise.all([...byName].map(([name, list]) => this.#queue(name).addBulk(list)));
    return jobs.map((j, i) => receipt(j.name, j.data, ids[i] ?? '', j.options ?? {}));
  }

  #jobOptions(id: string, options: AddJobOptions): BulkJobOptions {
    const backoff = options.backoff ?? DEFAULT_BACKOFF;
    const stored: StoredBackoff = { type: STRATEGY, delay: backoff.delayMs, jitter: backoff.jitter, maxDelayMs: backoff.maxDelayMs };
    return {
      jobId: id,
      attempts: Math.max(1, Math.floor(options.attempts ?? 1)),
      backoff: stored,
      ...(options.delayMs !== undefined && options.delayMs > 0 ? { delay: Math.ceil(options.delayMs) } : {}),
      removeOnComplete: { age: Math.ceil((this.#options.keepCompletedMs ?? 3_600_000) / 1000) },
      removeOnFail: { age: Math.ceil((this.#options.keepFailedMs ?? 86_400_000) / 1000) },
    };
  }

  process<T extends JsonValue, R extends JsonValue>(name: string, handler: JobHandler<T, R>, options: ProcessOptions = {}): Promise<void> {
    if (this.#closed) return Promise.reject(new QueueError('QUEUE_CLOSED', 'the queue is closed'));
    if (this.#workers.has(name)) return Promise.reject(new QueueError('QUEUE_HANDLER_EXISTS', `a handler for ${name} is already registered`));
    this.#queue(name);
    const random = this.#random;
    const worker = new Worker<JsonValue, JsonValue, string>(name, async (job: AnyJob) => {
      try {
        return await handler({
          id: job.id ?? '',
          name: job.name,
          data: job.data as T,
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
          updateProgress: (p: JobProgress) => job.updateProgress(p),
        });
      } catch (e) {
        // BullMQ fails a job at once only for its own UnrecoverableError.
        if (isPermanentJobError(e)) throw new UnrecoverableError(messageOf(e));
        throw e;
      }
    }, {
      connection: { url: this.#options.redisUrl, maxRetriesPerRequest: null },
      prefix: this.#prefix,
      concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
      stalledInterval: this.#options.stalledIntervalMs ?? 30_000,
      maxStalledCount: this.#options.maxStalledCount ?? 2,
      lockDuration: this.#options.lockDurationMs ?? 30_000,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, err?: Error, job?: { opts: { backoff?: unknown } }) =>
          backoffDelayMs(toBackoff(job?.opts.backoff), attemptsMade, retryAfterOf(err), random),
      },
    });
    worker.on('error', (error: Error) => this.#options.onError?.(error));
    this.#workers.set(name, worker);
    return worker.waitUntilReady().then(() => undefined);
  }

  async getJob(name: string, id: string): Promise<JobInfo | undefined> {
    const queue = this.#queue(name);
    // State first, then the job hash: a job that moved on in between shows a newer hash
    // (a completed job with its return value), never a state ahead of its fields.
    const state = toState(await queue.getJobState(id));
    if (state === undefined) return undefined;
    const job = await queue.getJob(id);
    if (!job) return undefined;
    return {
      id,
      name: job.name,
      data: job.data,
      state,
      attemptsMade: job.attemptsMade,
      progress: job.progress as JobProgress,
      failedReason: job.failedReason === '' ? undefined : job.failedReason,
      returnValue: (job.returnvalue ?? undefined) as JsonValue | undefined,
    };
  }

  async counts(): Promise<JobCounts> {
    const total = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
    for (const queue of this.#queues.values()) {
      const c = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
      total.waiting += (c.waiting ?? 0) + (c.prioritized ?? 0);
      total.active += c.active ?? 0;
      total.delayed += c.delayed ?? 0;
      total.failed += c.failed ?? 0;
      total.completed += c.completed ?? 0;
    }
    return total;
  }

  async close(): Promise<void> {
    this.#closed = true;
    // Worker.close() lets running handlers finish and release their locks.
    await Promise.all([...this.#workers.values()].map((w) => w.close()));
    await Promise.all([...this.#queues.values()].map((q) => q.close()));
  }

  get #prefix(): string {
    return this.#options.prefix ?? 'interlude:bull';
  }

  #queue(name: string): Queue<JsonValue, JsonValue, string> {
    let queue = this.#queues.get(name);
    if (!queue) {
      queue = new Queue<JsonValue, JsonValue, string>(name, { connection: { url: this.#options.redisUrl }, prefix: this.#prefix });
      queue.on('error', (error: Error) => this.#options.onError?.(error));
      this.#queues.set(name, queue);
    }
    return queue;
  }
}

function checkId(id: string): void {
  if (!isValidJobId(id)) throw new QueueError('QUEUE_BAD_JOB_ID', `invalid job id ${JSON.stringify(id.slice(0, 80))}`);
}

/**
 * What add knows without asking Redis again: BullMQ answers a duplicate add with the id
 * only, so the stored job (possibly another one's data, further along) is getJob's to show.
 */
function receipt<T extends JsonValue>(name: string, data: T, id: string, options: AddJobOptions): JobInfo<T> {
  const delayed = options.delayMs !== undefined && options.delayMs > 0;
  return { id, name, data, state: delayed ? 'delayed' : 'waiting', attemptsMade: 0, progress: 0, failedReason: undefined, returnValue: undefined };
}

function toBackoff(raw: unknown): BackoffOptions {
  const b = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<StoredBackoff>;
  return {
    type: 'exponential',
    delayMs: typeof b.delay === 'number' ? b.delay : DEFAULT_BACKOFF.delayMs,
    maxDelayMs: typeof b.maxDelayMs === 'number' ? b.maxDelayMs : DEFAULT_BACKOFF.maxDelayMs,
    jitter: typeof b.jitter === 'number' ? b.jitter : DEFAULT_BACKOFF.jitter,
  };
}

function toState(s: string): JobState | undefined {
  switch (s) {
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    case 'active':
    case 'delayed':
    case 'completed':
    case 'failed':
      return s;
    default:
      return undefined;
  }
}
