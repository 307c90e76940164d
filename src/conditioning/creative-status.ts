/**
 * The control plane's view of conditioned creatives (`GET /api/v1/creatives[/:id]`): the
 * catalog says which creatives were asked for, the queue says where each job stands, the
 * job's return value says where the renditions are. Status:
 * - `queued`: waiting for a worker (or for a retry after a retryable failure: `lastError`);
 * - `running`: a worker has it; `progressPercent` 0..100;
 * - `ready`: `multivariantUrl` and `renditions` play;
 * - `failed`: for good; `failure` has the TRANSCODE_* code and the reason;
 * - `unknown`: the queue no longer holds the job (retention); the next decision re-queues it.
 */
import { z } from 'zod';
import { CONDITION_JOB_NAME, type CreativeStore } from '../../transcode/index.js';
import type { JobInfo, JobQueue } from '../queue/job-queue.js';
import { conditionedResultSchema } from './condition-job-schema.js';
import { progressPercent } from './conditioning-service.js';
import type { CatalogEntry, CreativeCatalog } from './creative-catalog.js';

export const CREATIVE_STATUSES = ['queued', 'running', 'ready', 'failed', 'unknown'] as const;

/** The API's creative, as a zod schema so the OpenAPI document is generated from it. */
export const creativeViewSchema = z.object({
  id: z.string().meta({ description: 'The conditioning job id, `cond-<32 hex>`.' }),
  identity: z.string().meta({ description: 'UniversalAdId (`registry:value`) or the source media URL.' }),
  adId: z.string(),
  sourceUrl: z.string(),
  channelId: z.string().meta({ description: 'The channel whose ladder first asked for it.' }),
  profileSetKey: z.string(),
  firstSeenAt: z.string().meta({ description: 'ISO 8601.' }),
  status: z.enum(CREATIVE_STATUSES),
  attemptsMade: z.number().int(),
  progressPercent: z.number().int().min(0).max(100).optional(),
  lastError: z.string().optional().meta({ description: 'The last retryable failure while a retry is pending.' }),
  failure: z.object({ code: z.string(), reason: z.string() }).optional(),
  multivariantUrl: z.string().optional(),
  durationSec: z.number().optional(),
  renditions: z.array(z.object({
    id: z.string(), kind: z.enum(['video', 'audio']), playlistUrl: z.string(),
    width: z.number().optional(), height: z.number().optional(), fps: z.number().optional(),
    codecs: z.string(), bandwidth: z.number(),
  })).optional(),
});

export const creativeListSchema = z.object({ creatives: z.array(creativeViewSchema) });

export type CreativeView = z.output<typeof creativeViewSchema>;

export interface CreativeStatusDeps {
  readonly catalog: CreativeCatalog;
  readonly queue: JobQueue;
  readonly store: Pick<CreativeStore, 'urlFor'>;
}

const FAILURE = /^(TRANSCODE_[A-Z_]+|JOB_[A-Z_]+): ([\s\S]*)$/;

export class CreativeStatus {
  readonly #d: CreativeStatusDeps;

  constructor(deps: CreativeStatusDeps) {
    this.#d = deps;
  }

  async list(limit = 200): Promise<CreativeView[]> {
    const entries = await this.#d.catalog.list(limit);
    return Promise.all(entries.map((e) => this.#view(e)));
  }

  /** undefined: no creative has this id. */
  async get(id: string): Promise<CreativeView | undefined> {
    const entry = await this.#d.catalog.get(id);
    return entry === undefined ? undefined : this.#view(entry);
  }

  async #view(e: CatalogEntry): Promise<CreativeView> {
    const job = await this.#d.queue.getJob(CONDITION_JOB_NAME, e.id);
    const base = {
      id: e.id, identity: e.identity, adId: e.adId, sourceUrl: e.sourceUrl, channelId: e.channelId,
      profileSetKey: e.profileSetKey, firstSeenAt: new Date(e.firstSeenMs).toISOString(), attemptsMade: job?.attemptsMade ?? 0,
    };
    if (job === undefined) return { ...base, status: 'unknown' };
    return { ...base, ...this.#state(job) };
  }

  #state(job: JobInfo): Pick<CreativeView, 'status' | 'progressPercent' | 'lastError' | 'failure' | 'multivariantUrl' | 'renditions' | 'durationSec'> {
    switch (job.state) {
      case 'waiting':
      case 'delayed':
        return { status: 'queued', ...(job.failedReason === undefined ? {} : { lastError: job.failedReason }) };
      case 'active':
        return { status: 'running', progressPercent: progressPercent(job.progress) };
      case 'failed':
        return { status: 'failed', failure: failureOf(job.failedReason) };
      case 'completed': {
        const r = conditionedResultSchema.safeParse(job.returnValue);
        if (!r.success) return { status: 'failed', failure: { code: 'TRANSCODE_STORE_FAILED', reason: 'the job finished without a readable result' } };
        const { urlFor } = this.#d.store;
        return {
          status: 'ready',
          progressPercent: 100,
          multivariantUrl: urlFor(r.data.key, r.data.multivariantPath),
          durationSec: r.data.durationSec,
          renditions: r.data.renditions.map((x) => ({
            id: x.id, kind: x.kind, playlistUrl: urlFor(r.data.key, x.playlistPath), codecs: x.codecs, bandwidth: x.bandwidth,
            ...(x.width === undefined ? {} : { width: x.width }),
            ...(x.height === undefined ? {} : { height: x.height }),
            ...(x.fps === undefined ? {} : { fps: x.fps }),
          })),
        };
      }
    }
  }
}

/** `TRANSCODE_AUDIO_ONLY: the file has …` (the processor's message form) → code + reason. */
export function failureOf(reason: string | undefined): { code: string; reason: string } {
  const m = FAILURE.exec(reason ?? '');
  return m === null ? { code: 'TRANSCODE_FAILED', reason: reason ?? 'unknown' } : { code: m[1] ?? 'TRANSCODE_FAILED', reason: m[2] ?? '' };
}
