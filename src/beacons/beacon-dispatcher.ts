/**
 * Turns beacons into queue jobs and delivers them (the `beacon` job processor).
 *
 * Delivery is at least once, made effectively once by the beacon id: it is the job id
 * (a duplicate enqueue is a queue no-op) and the X-Request-Id (a receiver drops a replay
 * after a worker crash). Retries follow exponential backoff with jitter for up to
 * `maxRetryWindowMs` after the event (1 h by default: a tracker that is down for longer
 * has lost the data anyway, and the VAST guidance asks for timely pings). A server's
 * Retry-After is honoured; one that points past the window ends the beacon as failed.
 *
 * The ledger is written after the fact and best-effort: a ledger that is down must not
 * turn a delivered beacon into a retry (that would send it twice) nor stop delivery.
 */
import type { JsonValue } from '../errors/index.js';
import { attemptsForWindow } from '../queue/backoff.js';
import { PermanentJobError, RetryableJobError } from '../queue/job-errors.js';
import type { BackoffOptions, JobContext, JobQueue } from '../queue/job-queue.js';
import { beaconHeaders } from './beacon-headers.js';
import type { BeaconJob } from './beacon-job.js';
import { fillBeaconUrl } from './beacon-macros.js';
import { noopBeaconMetrics, type BeaconMetrics } from './beacon-metrics.js';
import type { BeaconSender, SendOutcome } from './beacon-sender.js';
import type { BeaconLedger, BeaconLedgerEntry, BeaconState, RecordOptions } from './ledger/beacon-ledger.js';

export const BEACON_JOB_NAME = 'beacon';

/** What the tracker needs: a place to put beacons. */
export interface BeaconEnqueuer {
  enqueue(job: BeaconJob): Promise<void>;
  /** `enqueue` of each job, batched: one queue round trip and one ledger write for all. */
  enqueueMany?(jobs: readonly BeaconJob[]): Promise<void>;
}

export interface BeaconDispatcherOptions {
  readonly queue: JobQueue;
  readonly ledger: BeaconLedger;
  /** Needed by workers only (`startWorker`). */
  readonly sender?: BeaconSender;
  readonly metrics?: BeaconMetrics;
  /** `serverUserAgent(version)`: User-Agent header and [SERVERUA]. */
  readonly userAgent: string;
  /** Give up this long after `firedAtMs`. Default 1 h. */
  readonly maxRetryWindowMs?: number;
  /** Default 1 s doubling to 5 min, jitter 0.2. */
  readonly backoff?: BackoffOptions;
  /** Beacons in flight per worker process. Default 32. */
  readonly concurrency?: number;
  readonly nowMs?: () => number;
  /** Ledger write failures (logged by the caller; delivery goes on). */
  readonly onLedgerError?: (error: unknown, beaconId: string) => void;
}

/** One enqueueMany call waiting for the next flush. */
interface PendingEnqueue {
  readonly jobs: readonly BeaconJob[];
  resolve(): void;
  reject(error: unknown): void;
}

export const DEFAULT_BEACON_BACKOFF: BackoffOptions = { type: 'exponential', delayMs: 1_000, maxDelayMs: 5 * 60_000, jitter: 0.2 };

export class BeaconDispatcher implements BeaconEnqueuer {
  readonly #o: BeaconDispatcherOptions;
  readonly #metrics: BeaconMetrics;
  readonly #windowMs: number;
  readonly #backoff: BackoffOptions;
  readonly #attempts: number;
  readonly #now: () => number;
  readonly #pending: PendingEnqueue[] = [];

  constructor(options: BeaconDispatcherOptions) {
    this.#o = options;
    this.#metrics = options.metrics ?? noopBeaconMetrics;
    this.#windowMs = options.maxRetryWindowMs ?? 60 * 60 * 1000;
    this.#backoff = options.backoff ?? DEFAULT_BEACON_BACKOFF;
    this.#attempts = attemptsForWindow(this.#backoff, this.#windowMs);
    this.#now = options.nowMs ?? Date.now;
  }

  /** Attempts each beacon job gets, derived from the window and the backoff. */
  get attemptsPerBeacon(): number {
    return this.#attempts;
  }

  /**
   * Queues one beacon. Adding an id the queue already holds changes nothing. Throws when
   * the queue cannot take the job (Redis down): the caller logs it; the beacon is lost.
   */
  enqueue(job: BeaconJob): Promise<void> {
    return this.enqueueMany([job]);
  }

  /**
   * Queues several beacons (one segment request's). Calls made before the next turn of the
   * event loop (every segment request answered in that turn) share one queue `addBulk`
   * when the queue has it, then one ledger write. Each job dedupes by its id as `enqueue`
   * does. Throws as `enqueue` does (for the whole batch: a failed addBulk may have queued
   * some of its jobs, which the ids keep from being queued twice); the ledger is written
   * only when every job was queued.
   */
  enqueueMany(jobs: readonly BeaconJob[]): Promise<void> {
    if (jobs.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ jobs, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => void this.#flush(this.#pending.splice(0)));
    });
  }

  async #flush(batch: readonly PendingEnqueue[]): Promise<void> {
    const jobs = batch.flatMap((b) => b.jobs);
    try {
      await this.#add(jobs);
    } catch (e) {
      for (const b of batch) b.reject(e);
      return;
    }
    const ledger = this.#o.ledger;
    try {
      // After the add: if a worker already recorded an outcome, onlyIfAbsent keeps it.
      const entries = jobs.map((job) => this.#entry(job, fillBeaconUrl(job, this.#o.userAgent), 'queued', 0, undefined));
      if (ledger.recordMany !== undefined) await ledger.recordMany(entries, { onlyIfAbsent: true });
      else await Promise.all(entries.map((e) => ledger.record(e, { onlyIfAbsent: true })));
    } catch (e) {
      for (const job of jobs) this.#o.onLedgerError?.(e, job.id);
    }
    for (const b of batch) b.resolve();
  }

  async #add(jobs: readonly BeaconJob[]): Promise<void> {
    const options = (job: BeaconJob) => ({ jobId: job.id, attempts: this.#attempts, backoff: this.#backoff });
    const queue = this.#o.queue;
    if (queue.addBulk !== undefined && jobs.length > 1) {
      await queue.addBulk(jobs.map((job) => ({ name: BEACON_JOB_NAME, data: job as unknown as JsonValue, options: options(job) })));
    } else {
      await Promise.all(jobs.map((job) => queue.add(BEACON_JOB_NAME, job as unknown as JsonValue, options(job))));
    }
  }

  /** Starts delivering beacons from the queue in this process. */
  startWorker(): Promise<void> {
    return this.#o.queue.process(BEACON_JOB_NAME, (ctx: JobContext) => this.deliver(ctx), { concurrency: this.#o.concurrency ?? 32 });
  }

  /** One delivery attempt; throws RetryableJobError / PermanentJobError for the queue. */
  async deliver(ctx: JobContext): Promise<JsonValue> {
    const sender = this.#o.sender;
    const job = ctx.data as unknown as BeaconJob;
    if (sender === undefined) throw new PermanentJobError('no beacon sender configured in this process');
    const url = fillBeaconUrl(job, this.#o.userAgent);
    const outcome = await sender.send(url, beaconHeaders(job, this.#o.userAgent));
    switch (outcome.kind) {
      case 'sent':
        await this.#record(job, url, 'sent', ctx.attempt, outcome);
        this.#metrics.sent(job.event);
        return { status: outcome.status };
      case 'permanent':
        await this.#record(job, url, 'failed', ctx.attempt, outcome);
        this.#metrics.failed(job.event);
        throw new PermanentJobError(outcome.reason);
      case 'retryable': {
        const windowLeftMs = job.firedAtMs + this.#windowMs - this.#now();
        const last = ctx.attempt >= ctx.maxAttempts || windowLeftMs <= (outcome.retryAfterMs ?? 0);
        if (last) {
          const reason = `${outcome.reason} (gave up after ${ctx.attempt} attempts)`;
          await this.#record(job, url, 'failed', ctx.attempt, { ...outcome, reason });
          this.#metrics.failed(job.event);
          throw new PermanentJobError(reason);
        }
        await this.#record(job, url, 'retrying', ctx.attempt, outcome);
        this.#metrics.retried(job.event);
        throw new RetryableJobError(outcome.reason, outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs });
      }
    }
  }

  #entry(job: BeaconJob, url: string, state: BeaconState, attempts: number, outcome: SendOutcome | undefined): BeaconLedgerEntry {
    return {
      id: job.id, sessionId: job.sessionId, adId: job.adId, event: job.event, url, state, attempts,
      firedAtMs: job.firedAtMs, updatedAtMs: this.#now(),
      ...(outcome?.status === undefined ? {} : { lastStatus: outcome.status }),
      ...(outcome !== undefined && outcome.kind !== 'sent' ? { lastError: outcome.reason } : {}),
    };
  }

  async #record(job: BeaconJob, url: string, state: BeaconState, attempts: number, outcome: SendOutcome | undefined, options: RecordOptions = {}): Promise<void> {
    const entry = this.#entry(job, url, state, attempts, outcome);
    try {
      await this.#o.ledger.record(entry, options);
    } catch (e) {
      this.#o.onLedgerError?.(e, job.id);
    }
  }
}
