/**
 * The conditioning job handler the queue runs (embedded in the service, or in `interlude
 * worker`): validates the job's data (it was read back from Redis), runs
 * `conditionCreative`, forwards progress, and turns transcode failures into the queue's
 * retry decisions: a TranscodeError with `retryable: false` (corrupt media, audio only, too
 * large …) fails the job at once (PermanentJobError); a retryable one (network, timeout,
 * ffmpeg killed) is retried within the job's bounded attempts. Failure messages start with
 * the TRANSCODE_* code (`CODE: reason`), which the API splits back (creative-status.ts).
 *
 * Idempotent: the store is content-addressed and its commit is idempotent, so a re-run after
 * a lost worker (stalled-job recovery) re-uses or replaces the staged copy, never publishes
 * two, and an already stored result costs one download and no encode.
 */
import {
  conditionCreative, isTranscodeError, TRANSCODE_ERROR_CODES,
  type ConditionDeps, type Downloader, type Prober, type Runner, type CreativeStore,
} from '../../transcode/index.js';
import type { JsonValue } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import { PermanentJobError, RetryableJobError } from '../queue/job-errors.js';
import type { JobContext, JobHandler } from '../queue/job-queue.js';
import { parseConditionJob } from './condition-job-schema.js';
import type { ConditioningMetrics } from './conditioning-metrics.js';

export interface ConditionProcessorDeps {
  readonly runner: Runner;
  readonly prober: Prober;
  readonly store: CreativeStore;
  readonly downloader: Downloader;
  readonly logger: Logger;
  readonly metrics: ConditioningMetrics;
  /** Fires on worker shutdown: downloads stop, ffmpeg is killed, the attempt is retried later. */
  readonly signal?: AbortSignal;
  readonly workDir?: string;
  readonly nowMs?: () => number;
}

export function createConditionHandler(deps: ConditionProcessorDeps): JobHandler<JsonValue, JsonValue> {
  const now = deps.nowMs ?? (() => performance.now());
  return async (ctx: JobContext<JsonValue>): Promise<JsonValue> => {
    const log = deps.logger.child({ jobId: ctx.id, attempt: ctx.attempt });
    const parsed = parseConditionJob(ctx.data);
    if (!parsed.ok) throw new PermanentJobError(`TRANSCODE_JOB_INVALID: job data does not validate: ${parsed.error}`);
    const started = now();
    let lastSent = -1;
    const condition: ConditionDeps = {
      runner: deps.runner,
      prober: deps.prober,
      store: deps.store,
      downloader: deps.downloader,
      logger: log,
      onProgress: (p) => {
        // one queue write per 5 % is plenty for an API poll, and cheap on Redis
        if (p < 100 && p - lastSent < 5) return;
        lastSent = p;
        ctx.updateProgress(p).catch((e: unknown) => log.warn({ err: e }, 'could not report conditioning progress'));
      },
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
      ...(deps.workDir === undefined ? {} : { workDir: deps.workDir }),
    };
    log.info({ identity: parsed.value.identity, rungs: parsed.value.profiles.video.length }, 'conditioning started');
    try {
      const result = await conditionCreative(parsed.value, condition);
      const seconds = (now() - started) / 1000;
      deps.metrics.finished('ready', seconds);
      log.info({ identity: result.identity, key: result.key, seconds: Math.round(seconds * 10) / 10, renditions: result.renditions.length }, 'creative conditioned');
      return result as unknown as JsonValue;
    } catch (e) {
      const seconds = (now() - started) / 1000;
      if (isTranscodeError(e)) {
        const message = `${e.code}: ${e.message}`;
        const last = !e.retryable || ctx.attempt >= ctx.maxAttempts;
        deps.metrics.finished(last ? 'failed' : 'retried', seconds);
        log.warn({ code: e.code, context: e.context, retryable: e.retryable, attempt: ctx.attempt, of: ctx.maxAttempts }, `conditioning failed: ${e.message}`);
        if (!TRANSCODE_ERROR_CODES[e.code].retryable) throw new PermanentJobError(message, { cause: e });
        throw new RetryableJobError(message, { cause: e });
      }
      deps.metrics.finished(ctx.attempt >= ctx.maxAttempts ? 'failed' : 'retried', seconds);
      log.warn({ err: e }, 'conditioning failed unexpectedly');
      throw new RetryableJobError(`TRANSCODE_FAILED: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  };
}
