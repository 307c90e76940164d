/**
 * JobQueue in the process's memory: the embedded default (no REDIS_URL). Same guarantees
 * as BullMQ (job-queue.ts) within one process; a process that dies loses its jobs, which
 * is why a deployment with more than one instance uses BullMQ.
 *
 * Finished jobs are kept for `retentionMs` (and at most `maxFinishedJobs`) so that dedupe
 * by id keeps working for a while after a job completes, like BullMQ's removeOnComplete.
 */
import { randomUUID } from 'node:crypto';
import type { JsonValue } from '../errors/index.js';
import { backoffDelayMs, type RandomSource } from './backoff.js';
import { QueueError, isPermanentJobError, messageOf, retryAfterOf } from './job-errors.js';
import {
  DEFAULT_BACKOFF, isValidJobId,
  type AddJobOptions, type BackoffOptions, type BulkJob, type JobCounts, type JobHandler, type JobInfo, type JobProgress, type JobQueue, type JobState, type ProcessOptions,
} from './job-queue.js';

export interface InProcessQueueOptions {
  /** How long completed and failed jobs stay visible (and dedupe their id). Default 1 h. */
  readonly retentionMs?: number;
  /** Bound on finished jobs kept, oldest pruned first. Default 10 000. */
  readonly maxFinishedJobs?: number;
  readonly random?: RandomSource;
  /** Epoch ms, for retention only; delays use real timers. Default Date.now. */
  readonly nowMs?: () => number;
}

interface JobRecord {
  readonly id: string;
  readonly name: string;
  readonly data: JsonValue;
  readonly attempts: number;
  readonly backoff: BackoffOptions;
  state: JobState;
  attemptsMade: number;
  progress: JobProgress;
  failedReason: string | undefined;
  returnValue: JsonValue | undefined;
  finishedAtMs: number | undefined;
  timer: NodeJS.Timeout | undefined;
}

interface Registration {
  readonly handler: JobHandler<JsonValue, JsonValue>;
  readonly concurrency: number;
  active: number;
}

export class InProcessJobQueue implements JobQueue {
  readonly #jobs = new Map<string, JobRecord>();
  readonly #waiting = new Map<string, JobRecord[]>();
  readonly #handlers = new Map<string, Registration>();
  readonly #finished: JobRecord[] = [];
  readonly #running = new Set<Promise<void>>();
  readonly #retentionMs: number;
  readonly #maxFinished: number;
  readonly #random: RandomSource;
  readonly #now: () => number;
  #closed = false;

  constructor(options: InProcessQueueOptions = {}) {
    this.#retentionMs = options.retentionMs ?? 60 * 60 * 1000;
    this.#maxFinished = options.maxFinishedJobs ?? 10_000;
    this.#random = options.random ?? Math.random;
    this.#now = options.nowMs ?? Date.now;
  }

  add<T extends JsonValue>(name: string, data: T, options: AddJobOptions = {}): Promise<JobInfo<T>> {
    if (this.#closed) return Promise.reject(new QueueError('QUEUE_CLOSED', 'the queue is closed'));
    const id = options.jobId ?? randomUUID();
    if (!isValidJobId(id)) return Promise.reject(new QueueError('QUEUE_BAD_JOB_ID', `invalid job id ${JSON.stringify(id.slice(0, 80))}`));
    this.#prune();
    return Promise.resolve(this.#addOne(name, data, id, options));
  }

  addBulk<T extends JsonValue>(jobs: readonly BulkJob<T>[]): Promise<JobInfo<T>[]> {
    if (this.#closed) return Promise.reject(new QueueError('QUEUE_CLOSED', 'the queue is closed'));
    const ids = jobs.map((j) => j.options?.jobId ?? randomUUID());
    const bad = ids.find((id) => !isValidJobId(id));
    if (bad !== undefined) return Promise.reject(new QueueError('QUEUE_BAD_JOB_ID', `invalid job id ${JSON.stringify(bad.slice(0, 80))}`));
    this.#prune();
    return Promise.resolve(jobs.map((j, i) => this.#addOne(j.name, j.data, ids[i] ?? randomUUID(), j.options ?? {})));
  }

  #addOne<T extends JsonValue>(name: string, data: T, id: string, options: AddJobOptions): JobInfo<T> {
    const key = jobKey(name, id);
    const existing = this.#jobs.get(key);
    if (existing) return snapshot(existing) as JobInfo<T>;
    const job: JobRecord = {
      id, name, data,
      attempts: Math.max(1, Math.floor(options.attempts ?? 1)),
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      state: 'waiting', attemptsMade: 0, progress: 0,
      failedReason: undefined, returnValue: undefined, finishedAtMs: undefined, timer: undefined,
    };
    this.#jobs.set(key, job);
    if (options.delayMs !== undefined && options.delayMs > 0) this.#delay(job, options.delayMs);
    else this.#enqueue(job);
    return snapshot(job) as JobInfo<T>;
  }

  process<T extends JsonValue, R extends JsonValue>(name: string, handler: JobHandler<T, R>, options: ProcessOptions = {}): Promise<void> {
    if (this.#closed) return Promise.reject(new QueueError('QUEUE_CLOSED', 'the queue is closed'));
    if (this.#handlers.has(name)) return Promise.reject(new QueueError('QUEUE_HANDLER_EXISTS', `a handler for ${name} is already registered`));
    this.#handlers.set(name, {
      handler: handler as unknown as JobHandler<JsonValue, JsonValue>,
      concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
      active: 0,
    });
    this.#pump(name);
    return Promise.resolve();
  }

  getJob(name: string, id: string): Promise<JobInfo | undefined> {
    this.#prune();
    const job = this.#jobs.get(jobKey(name, id));
    return Promise.resolve(job ? snapshot(job) : undefined);
  }

  counts(): Promise<JobCounts> {
    const counts = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
    for (const job of this.#jobs.values()) counts[job.state]++;
    return Promise.resolve(counts);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#jobs.values()) {
      if (job.timer) clearTimeout(job.timer);
      job.timer = undefined;
    }
    // Handlers may finish into retries; #closed stops those from being scheduled.
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  #enqueue(job: JobRecord): void {
    job.state = 'waiting';
    const list = this.#waiting.get(job.name) ?? [];
    list.push(job);
    this.#waiting.set(job.name, list);
    this.#pump(job.name);
  }

  #delay(job: JobRecord, ms: number): void {
    job.state = 'delayed';
    job.timer = setTimeout(() => {
      job.timer = undefined;
      if (!this.#closed) this.#enqueue(job);
    }, ms);
    // A pending retry must not keep the process alive (tests, CLI, shutdown).
    job.timer.unref();
  }

  #pump(name: string): void {
    const reg = this.#handlers.get(name);
    const list = this.#waiting.get(name);
    if (!reg || !list) return;
    while (!this.#closed && reg.active < reg.concurrency && list.length > 0) {
      const job = list.shift();
      if (job === undefined) break;
      reg.active++;
      const run = this.#run(job, reg).finally(() => {
        reg.active--;
        this.#running.delete(run);
        this.#pump(name);
      });
      this.#running.add(run);
    }
  }

  async #run(job: JobRecord, reg: Registration): Promise<void> {
    job.state = 'active';
    const attempt = job.attemptsMade + 1;
    try {
      const result = await reg.handler({
        id: job.id, name: job.name, data: job.data, attempt, maxAttempts: job.attempts,
        updateProgress: (p) => {
          job.progress = p;
          return Promise.resolve();
        },
      });
      job.attemptsMade = attempt;
      job.returnValue = result;
      this.#finish(job, 'completed');
    } catch (e) {
      job.attemptsMade = attempt;
      job.failedReason = messageOf(e);
      if (isPermanentJobError(e) || attempt >= job.attempts || this.#closed) {
        this.#finish(job, 'failed');
        return;
      }
      this.#delay(job, backoffDelayMs(job.backoff, attempt, retryAfterOf(e), this.#random));
    }
  }

  #finish(job: JobRecord, state: 'completed' | 'failed'): void {
    job.state = state;
    job.finishedAtMs = this.#now();
    this.#finished.push(job);
    this.#prune();
  }

  #prune(): void {
    const cutoff = this.#now() - this.#retentionMs;
    while (this.#finished.length > 0) {
      const oldest = this.#finished[0];
      if (oldest === undefined) break;
      const expired = (oldest.finishedAtMs ?? 0) <= cutoff || this.#finished.length > this.#maxFinished;
      if (!expired) break;
      this.#finished.shift();
      this.#jobs.delete(jobKey(oldest.name, oldest.id));
    }
  }
}

function jobKey(name: string, id: string): string {
  return `${name}\u0000${id}`;
}

function snapshot(job: JobRecord): JobInfo {
  return {
    id: job.id, name: job.name, data: job.data, state: job.state, attemptsMade: job.attemptsMade,
    progress: job.progress, failedReason: job.failedReason, returnValue: job.returnValue,
  };
}
