/**
 * The CreativeResolver (creative-resolver.ts): maps an ad's MediaFiles to an HLS URL for this
 * session's stream, from the conditioning queue's state, without ever waiting on a transcode.
 *
 * 1. A streaming HLS MediaFile plays as is.
 * 2. Else the source file (Mezzanine, best MP4, …) and the stream's profile set (content
 *    ladder, cached per stream) give the job id `conditionJobId(identity, profileSetKey)`;
 *    identity = UniversalAdId (`registry:value`) or the source URL.
 * 3. Job completed → the conditioned multivariant's URL (remembered per instance);
 *    failed → skip `transcode_failed`; waiting/active → skip `transcode_in_progress`;
 *    unknown → enqueue (the queue dedupes on the id, so racing instances add one job) and
 *    skip `transcode_in_progress`.
 * A stream whose ladder cannot be read, or a creative with nothing to condition, is
 * `no_variant_match`. The decision deadline (`signal`) bounds every step; running out is
 * `transcode_in_progress` and the work started (ladder read, enqueue) carries on.
 */
import {
  CONDITION_JOB_NAME, conditionJobId, pickSourceMediaFile,
  type ConditionLimits, type CreativeStore,
} from '../../transcode/index.js';
import type { Channel } from '../channels/channel-schema.js';
import type { JsonValue } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import type { JobInfo, JobQueue } from '../queue/job-queue.js';
import type { Clock } from '../sessions/clock.js';
import type { Session } from '../sessions/session.js';
import { conditionedResultSchema } from './condition-job-schema.js';
import type { ConditioningMetrics } from './conditioning-metrics.js';
import type { ContentLadders } from './content-ladders.js';
import type { CreativeCatalog } from './creative-catalog.js';
import type { CreativeResolver, ResolvableAd, Resolution, SkipReason } from './creative-resolver.js';

export interface ConditioningServiceDeps {
  readonly queue: JobQueue;
  readonly ladders: ContentLadders;
  readonly catalog: CreativeCatalog;
  readonly channels: { find(id: string): Promise<Channel | undefined> };
  /** URLs of conditioned creatives (the service's view of the store: its own base URL). */
  readonly store: Pick<CreativeStore, 'urlFor'>;
  readonly metrics: ConditioningMetrics;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly attempts: number;
  readonly retryDelayMs: number;
  readonly limits: ConditionLimits;
}

const HLS_MIME = /^application\/(x-mpegurl|vnd\.apple\.mpegurl)$/i;
const READY_CACHE_MAX = 5_000;

/** The decision deadline passed first (not a failure: the work goes on in the background). */
class Late extends Error {
  constructor() {
    super('the decision deadline passed');
    this.name = 'Late';
  }
}

export class ConditioningService implements CreativeResolver {
  readonly #d: ConditioningServiceDeps;
  /** jobId → multivariant URL: a conditioned creative is immutable, so ready stays ready. */
  readonly #ready = new Map<string, string>();

  constructor(deps: ConditioningServiceDeps) {
    this.#d = deps;
  }

  async resolve(ad: ResolvableAd, session: Session, signal?: AbortSignal): Promise<Resolution> {
    try {
      return this.#counted(await this.#resolve(ad, session, signal));
    } catch (e) {
      if (e instanceof Late) return this.#counted(skip('transcode_in_progress', 'the decision deadline passed before conditioning could answer'));
      this.#d.logger.warn({ err: e, sessionId: session.id, adId: ad.adId }, 'conditioning lookup failed; ad skipped for this break');
      return this.#counted(skip('transcode_in_progress', `conditioning state unavailable: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  async #resolve(ad: ResolvableAd, session: Session, signal: AbortSignal | undefined): Promise<Resolution> {
    const hls = ad.mediaFiles.find((f) => (f.delivery ?? '').toLowerCase() === 'streaming' && HLS_MIME.test(f.mimeType ?? ''));
    if (hls !== undefined) return { kind: 'hls', url: hls.url, conditioned: false };
    const source = pickSourceMediaFile(ad.mediaFiles);
    if (source === undefined) return skip('no_variant_match', 'no HLS MediaFile and no progressive video or Mezzanine to condition');

    const channel = await bounded(this.#d.channels.find(session.channelId), signal);
    if (channel === undefined) return skip('no_variant_match', `channel ${session.channelId} is gone`);
    // the same URL the player path fetches (playback-service.ts originUrl)
    const contentUrl = `${channel.origin.replace(/\/+$/, '')}/${session.originPath}`;
    let stream;
    try {
      stream = await bounded(this.#d.ladders.profilesFor(contentUrl), signal);
    } catch (e) {
      if (e instanceof Late) throw e;
      return skip('no_variant_match', `the stream's content ladder cannot be matched: ${e instanceof Error ? e.message : String(e)}`);
    }

    const identity = ad.universalAdId ?? source.url;
    const jobId = conditionJobId({ identity, profileSetKey: stream.profileSetKey });
    const known = this.#ready.get(jobId);
    if (known !== undefined) return { kind: 'hls', url: known, conditioned: true };

    const job = await bounded(this.#d.queue.getJob(CONDITION_JOB_NAME, jobId), signal);
    if (job !== undefined) return this.#fromJob(job);

    const data = { identity, mediaFiles: ad.mediaFiles, profiles: stream.profiles, limits: this.#d.limits } as unknown as JsonValue;
    const add = this.#d.queue.add(CONDITION_JOB_NAME, data, {
      jobId,
      attempts: this.#d.attempts,
      backoff: { type: 'exponential', delayMs: this.#d.retryDelayMs, maxDelayMs: Math.max(this.#d.retryDelayMs, 60_000), jitter: 0.2 },
    }).then(async (added) => {
      await this.#d.catalog.remember({
        id: jobId, identity, adId: ad.adId, sourceUrl: source.url, channelId: channel.id,
        profileSetKey: stream.profileSetKey, contentUrl, firstSeenMs: this.#d.clock.nowMs(),
      });
      return added;
    });
    add.catch((e: unknown) => this.#d.logger.warn({ err: e, jobId, identity }, 'could not enqueue a conditioning job'));
    const added = await bounded(add, signal);
    if (added.state !== 'waiting') return this.#fromJob(added);
    this.#d.logger.info({ jobId, identity, channelId: channel.id, profileSetKey: stream.profileSetKey, sessionId: session.id }, 'conditioning job queued; the ad plays once it is ready');
    return skip('transcode_in_progress', `conditioning job ${jobId} queued`);
  }

  #fromJob(job: JobInfo): Resolution {
    switch (job.state) {
      case 'completed': {
        const r = conditionedResultSchema.safeParse(job.returnValue);
        if (!r.success) return skip('transcode_failed', `job ${job.id} finished without a readable result`);
        const url = this.#d.store.urlFor(r.data.key, r.data.multivariantPath);
        if (this.#ready.size >= READY_CACHE_MAX) this.#ready.clear();
        this.#ready.set(job.id, url);
        return { kind: 'hls', url, conditioned: true };
      }
      case 'failed':
        return skip('transcode_failed', `job ${job.id} failed: ${job.failedReason ?? 'unknown reason'}`);
      case 'active':
        return skip('transcode_in_progress', `job ${job.id} running (${progressPercent(job.progress)}%)`);
      case 'waiting':
      case 'delayed':
        return skip('transcode_in_progress', `job ${job.id} ${job.attemptsMade > 0 ? `waiting to retry: ${job.failedReason ?? ''}` : 'queued'}`);
    }
  }

  #counted(r: Resolution): Resolution {
    if (r.kind === 'skip') this.#d.metrics.skipped(r.reason);
    return r;
  }
}

export function progressPercent(p: JobInfo['progress']): number {
  return typeof p === 'number' && Number.isFinite(p) ? Math.max(0, Math.min(100, Math.round(p))) : 0;
}

function skip(reason: SkipReason, note: string): Resolution {
  return { kind: 'skip', reason, note };
}

/** The promise's value, or a Late thrown as soon as `signal` fires; the work itself goes on. */
function bounded<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new Late());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => undefined);
      reject(new Late());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
