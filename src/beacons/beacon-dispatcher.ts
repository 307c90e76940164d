/**
 * Turns beacons into queue jobs and delivers them.
 *
 * The beacons fired in one turn of the event loop go out as one `beacon-batch` job (up
 * to MAX_BATCH beacons; beacon-job.ts says why). A beacon whose first attempt must be
 * retried gets a `beacon` job of its own, id = the beacon id, so its retries follow the
 * queue's backoff as before. Both kinds share the worker's send slots (send-slots.ts).
 *
 * Delivery is at least once, made effectively once by the beacon id: it is the
 * X-Request-Id (a receiver drops a replay after a worker crash), the retry job's id (a
 * duplicate is a queue no-op), and a batch skips beacons the ledger already shows sent or
 * failed (a batch replayed after a crash, a duplicate enqueue). Retries follow exponential
 * backoff with jitter for up to `maxRetryWindowMs` after the event (1 h by default: a
 * tracker that is down for longer has lost the data anyway, and the VAST guidance asks for
 * timely pings). A server's Retry-After is honoured; one that points past the window ends
 * the beacon as failed.
 *
 * The ledger is written after the fact and best-effort: a ledger that is down must not
 * turn a delivered beacon into a retry (that would send it twice) nor stop delivery.
 */
import type { JsonValue } from '../errors/index.js';
import { LruCache } from '../manifest-service/lru-cache.js';
import { attemptsForWindow, backoffDelayMs, type RandomSource } from '../queue/backoff.js';
import { PermanentJobError, RetryableJobError } from '../queue/job-errors.js';
import type { BackoffOptions, BulkJob, JobContext, JobQueue } from '../queue/job-queue.js';
import { beaconHeaders } from './beacon-headers.js';
import { beaconBatchId, type BeaconBatch, type BeaconJob } from './beacon-job.js';
import { fillBeaconUrl } from './beacon-macros.js';
import { noopBeaconMetrics, type BeaconMetrics } from './beacon-metrics.js';
import type { BeaconSender, SendOutcome } from './beacon-sender.js';
import type { BeaconLedger, BeaconLedgerEntry, BeaconState, RecordOptions } from './ledger/beacon-ledger.js';
import { SendSlots } from './send-slots.js';

/** A beacon's retries (and single beacons queued before batches existed). */
export const BEACON_JOB_NAME = 'beacon';
/** The first attempt of the beacons fired in one turn. */
export const BEACON_BATCH_JOB_NAME = 'beacon-batch';
/** Beacons per batch job: keeps a job small and what a replayed batch re-checks short. */
export const MAX_BEACON_BATCH = 32;
/** Filled URLs kept per process: a turn's beacons from enqueue to first attempt, with room to spare. */
const FILLED_URLS = 4_096;
/** A batch job is re-run only when its handler failed outright (a retry job could not be queued). */
const BATCH_ATTEMPTS = 3;

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
  /** Jitter of the first retry's delay (later ones are the queue's). Default Math.random. */
  readonly random?: RandomSource;
  /** Ledger write failures (logged by the caller; delivery goes on). */
  readonly onLedgerError?: (error: unknown, beaconId: string) => void;
}

/** One enqueueMany call waiting for the next flush. */
interface PendingEnqueue {
  readonly jobs: readonly BeaconJob[];
  resolve(): void;
  reject(error: unknown): void;
}

/** What an attempt leaves for the queue to do. */
type AttemptResult =
  | { readonly kind: 'sent'; readonly status: number }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number };

export const DEFAULT_BEACON_BACKOFF: BackoffOptions = { type: 'exponential', delayMs: 1_000, maxDelayMs: 5 * 60_000, jitter: 0.2 };

export class BeaconDispatcher implements BeaconEnqueuer {
  readonly #o: BeaconDispatcherOptions;
  readonly #metrics: BeaconMetrics;
  readonly #windowMs: number;
  readonly #backoff: BackoffOptions;
  readonly #attempts: number;
  readonly #now: () => number;
  readonly #random: RandomSource;
  readonly #slots: SendSlots;
  readonly #pending: PendingEnqueue[] = [];
  readonly #filledUrls = new LruCache<string>(FILLED_URLS);

  constructor(options: BeaconDispatcherOptions) {
    this.#o = options;
    this.#metrics = options.metrics ?? noopBeaconMetrics;
    this.#windowMs = options.maxRetryWindowMs ?? 60 * 60 * 1000;
    this.#backoff = options.backoff ?? DEFAULT_BEACON_BACKOFF;
    this.#attempts = attemptsForWindow(this.#backoff, this.#windowMs);
    this.#now = options.nowMs ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#slots = new SendSlots(options.concurrency ?? 32);
  }

  /** Attempts each beacon job gets, derived from the window and the backoff. */
  get attemptsPerBeacon(): number {
    return this.#attempts;
  }

  /**
   * Queues one beacon. Queuing one the ledger already shows sent or failed sends nothing.
   * Throws when the queue cannot take the job (Redis down): the caller logs it; the beacon
   * is lost.
   */
  enqueue(job: BeaconJob): Promise<void> {
    return this.enqueueMany([job]);
  }

  /**
   * Queues several beacons (one segment request's). Calls made before the next turn of the
   * event loop (every segment request answered in that turn) share batch jobs of up to
   * MAX_BEACON_BATCH beacons, added with one `addBulk` when the queue has it, then one
   * ledger write. Throws as `enqueue` does (for the whole turn: a failed addBulk may have
   * queued some batches, whose ids keep them from being queued twice); the ledger is
   * written only when every batch was queued.
   */
  enqueueMany(jobs: readonly BeaconJob[]): Promise<void> {
    if (jobs.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ jobs, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => void this.#flush(this.#pending.splice(0)));
    });
  }

  async #flush(batch: readonly PendingEnqueue[]): Promise<void> {
    // The same beacon queued twice in one turn (a notice handed over twice) is one send.
    const ids = new Set<string>();
    const jobs = batch.flatMap((b) => b.jobs).filter((j) => !ids.has(j.id) && ids.add(j.id) !== undefined);
    try {
      await this.#add(jobs);
    } catch (e) {
      for (const b of batch) b.reject(e);
      return;
    }
    const ledger = this.#o.ledger;
    try {
      // After the add: if a worker already recorded an outcome, onlyIfAbsent keeps it.
      const entries = jobs.map((job) => this.#entry(job, this.#url(job), 'queued', 0, undefined));
      if (ledger.recordMany !== undefined) await ledger.recordMany(entries, { onlyIfAbsent: true });
      else await Promise.all(entries.map((e) => ledger.record(e, { onlyIfAbsent: true })));
    } catch (e) {
      for (const job of jobs) this.#o.onLedgerError?.(e, job.id);
    }
    for (const b of batch) b.resolve();
  }

  async #add(jobs: readonly BeaconJob[]): Promise<void> {
    const batches: BulkJob[] = [];
    for (let i = 0; i < jobs.length; i += MAX_BEACON_BATCH) {
      const beacons = jobs.slice(i, i + MAX_BEACON_BATCH);
      const data: BeaconBatch = { beacons };
      batches.push({ name: BEACON_BATCH_JOB_NAME, data: data as unknown as JsonValue, options: { jobId: beaconBatchId(beacons), attempts: BATCH_ATTEMPTS } });
    }
    const queue = this.#o.queue;
    if (queue.addBulk !== undefined) await queue.addBulk(batches);
    else await Promise.all(batches.map((b) => queue.add(b.name, b.data, b.options)));
  }

  /** Starts delivering beacons from the queue in this process: batches and retries. */
  async startWorker(): Promise<void> {
    const concurrency = this.#o.concurrency ?? 32;
    // Jobs of either kind beyond the send slots only wait for a slot; they have sent nothing.
    await this.#o.queue.process(BEACON_BATCH_JOB_NAME, (ctx: JobContext) => this.deliverBatch(ctx), { concurrency });
    await this.#o.queue.process(BEACON_JOB_NAME, (ctx: JobContext) => this.deliver(ctx), { concurrency });
  }

  /**
   * The first attempt of each beacon of a batch. Beacons the ledger shows settled are
   * skipped (this batch ran before and was cut short). A retry job that could not be
   * queued fails the batch, so the queue runs it again rather than losing the beacon.
   */
  async deliverBatch(ctx: JobContext): Promise<JsonValue> {
    const { beacons } = ctx.data as unknown as BeaconBatch;
    const settled = await this.#settled(beacons);
    const results = await Promise.allSettled(beacons.map((b, i) => (settled[i] === true ? Promise.resolve() : this.#firstAttempt(b))));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
    return { beacons: beacons.length, skipped: settled.filter(Boolean).length };
  }

  /** One attempt of a retry job; throws RetryableJobError / PermanentJobError for the queue. */
  async deliver(ctx: JobContext): Promise<JsonValue> {
    const job = ctx.data as unknown as BeaconJob;
    const before = job.attemptsBefore ?? 0;
    const result = await this.#attempt(job, before + ctx.attempt, before + ctx.maxAttempts);
    switch (result.kind) {
      case 'sent':
        return { status: result.status };
      case 'failed':
        throw new PermanentJobError(result.reason);
      case 'retry':
        throw new RetryableJobError(result.reason, result.retryAfterMs === undefined ? {} : { retryAfterMs: result.retryAfterMs });
    }
  }

  async #firstAttempt(job: BeaconJob): Promise<void> {
    const result = await this.#attempt(job, 1, this.#attempts);
    if (result.kind !== 'retry') return;
    const delayMs = backoffDelayMs(this.#backoff, 1, result.retryAfterMs, this.#random);
    // The retry job's own first retry is this beacon's second: its base delay is doubled.
    const backoff = { ...this.#backoff, delayMs: this.#backoff.delayMs * 2 };
    const retry: BeaconJob = { ...job, attemptsBefore: 1 };
    await this.#o.queue.add(BEACON_JOB_NAME, retry as unknown as JsonValue, { jobId: job.id, attempts: this.#attempts - 1, backoff, delayMs });
  }

  /** True for each beacon the ledger shows sent or failed; a ledger that is down shows none. */
  async #settled(beacons: readonly BeaconJob[]): Promise<boolean[]> {
    try {
      const states = await this.#o.ledger.states(beacons);
      return states.map((s) => s === 'sent' || s === 'failed');
    } catch (e) {
      for (const b of beacons) this.#o.onLedgerError?.(e, b.id);
      return beacons.map(() => false);
    }
  }

  /** Sends attempt number `attempt` of `maxAttempts`, records it, and says what comes next. */
  async #attempt(job: BeaconJob, attempt: number, maxAttempts: number): Promise<AttemptResult> {
    const sender = this.#o.sender;
    if (sender === undefined) throw new PermanentJobError('no beacon sender configured in this process');
    const url = this.#url(job);
    const outcome = await this.#slots.run(() => sender.send(url, beaconHeaders(job, this.#o.userAgent)));
    switch (outcome.kind) {
      case 'sent':
        await this.#record(job, url, 'sent', attempt, outcome);
        this.#metrics.sent(job.event);
        return { kind: 'sent', status: outcome.status };
      case 'permanent':
        await this.#record(job, url, 'failed', attempt, outcome);
        this.#metrics.failed(job.event);
        return { kind: 'failed', reason: outcome.reason };
      case 'retryable': {
        const windowLeftMs = job.firedAtMs + this.#windowMs - this.#now();
        if (attempt >= maxAttempts || windowLeftMs <= (outcome.retryAfterMs ?? 0)) {
          const reason = `${outcome.reason} (gave up after ${attempt} attempts)`;
          await this.#record(job, url, 'failed', attempt, { ...outcome, reason });
          this.#metrics.failed(job.event);
          return { kind: 'failed', reason };
        }
        await this.#record(job, url, 'retrying', attempt, outcome);
        this.#metrics.retried(job.event);
        return { kind: 'retry', reason: outcome.reason, ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }) };
      }
    }
  }

  /**
   * The beacon's URL with its macros filled. Every macro follows from the job (its id,
   * firing time, viewer and context), so a beacon's URL is the same on every attempt; it is
   * filled once per process (queued record, then first attempt) rather than each time.
   */
  #url(job: BeaconJob): string {
    let url = this.#filledUrls.get(job.id);
    if (url === undefined) {
      url = fillBeaconUrl(job, this.#o.userAgent);
      this.#filledUrls.set(job.id, url);
    }
    return url;
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
