/**
 * The list of creatives the service has asked to condition, for `GET /api/v1/creatives`:
 * the queue can look a job up by id but cannot list them, so each first enqueue also writes
 * one entry here (first write wins, so instances racing on one creative keep one entry).
 * The job's state, progress and result stay in the queue; this holds only who and what.
 *
 * Two implementations: in memory (embedded default) and one Redis hash (shared by every
 * instance). Bounded: the memory one keeps the newest `maxEntries`; the Redis one is pruned
 * by `prune` (oldest first) when it grows past `maxEntries`.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';

export interface CatalogEntry {
  /** The queue job id, `cond-<32 hex>`: also the API's creative id. */
  readonly id: string;
  readonly identity: string;
  readonly adId: string;
  readonly sourceUrl: string;
  readonly channelId: string;
  readonly profileSetKey: string;
  /** The content stream whose ladder the profiles came from. */
  readonly contentUrl: string;
  readonly firstSeenMs: number;
}

export interface CreativeCatalog {
  /** Records the entry unless one with its id exists. */
  remember(entry: CatalogEntry): Promise<void>;
  get(id: string): Promise<CatalogEntry | undefined>;
  /** Newest first, at most `limit`. */
  list(limit: number): Promise<readonly CatalogEntry[]>;
}

const entrySchema = z.object({
  id: z.string(), identity: z.string(), adId: z.string(), sourceUrl: z.string(), channelId: z.string(),
  profileSetKey: z.string(), contentUrl: z.string(), firstSeenMs: z.number(),
});

export class MemoryCreativeCatalog implements CreativeCatalog {
  readonly #entries = new Map<string, CatalogEntry>();
  readonly #max: number;

  constructor(maxEntries = 10_000) {
    this.#max = maxEntries;
  }

  remember(entry: CatalogEntry): Promise<void> {
    if (!this.#entries.has(entry.id)) {
      this.#entries.set(entry.id, entry);
      if (this.#entries.size > this.#max) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
    }
    return Promise.resolve();
  }

  get(id: string): Promise<CatalogEntry | undefined> {
    return Promise.resolve(this.#entries.get(id));
  }

  list(limit: number): Promise<readonly CatalogEntry[]> {
    return Promise.resolve([...this.#entries.values()].reverse().slice(0, limit));
  }
}

export class RedisCreativeCatalog implements CreativeCatalog {
  readonly #redis: Redis;
  readonly #hash: string;
  readonly #order: string;
  readonly #max: number;

  constructor(redis: Redis, prefix: string, maxEntries = 10_000) {
    this.#redis = redis;
    this.#hash = `${prefix}creatives:entries`;
    this.#order = `${prefix}creatives:order`;
    this.#max = maxEntries;
  }

  async remember(entry: CatalogEntry): Promise<void> {
    const added = await this.#redis.hsetnx(this.#hash, entry.id, JSON.stringify(entry));
    if (added === 1) {
      await this.#redis.zadd(this.#order, String(entry.firstSeenMs), entry.id);
      const size = await this.#redis.zcard(this.#order);
      if (size > this.#max) {
        const old = await this.#redis.zrange(this.#order, '0', String(size - this.#max - 1));
        if (old.length > 0) await this.#redis.multi().zrem(this.#order, ...old).hdel(this.#hash, ...old).exec();
      }
    }
  }

  async get(id: string): Promise<CatalogEntry | undefined> {
    return parse(await this.#redis.hget(this.#hash, id));
  }

  async list(limit: number): Promise<readonly CatalogEntry[]> {
    const ids = await this.#redis.zrevrange(this.#order, '0', String(Math.max(0, limit - 1)));
    if (ids.length === 0) return [];
    const raw = await this.#redis.hmget(this.#hash, ...ids);
    return raw.map(parse).filter((e): e is CatalogEntry => e !== undefined);
  }
}

function parse(raw: string | null | undefined): CatalogEntry | undefined {
  if (raw == null) return undefined;
  try {
    const r = entrySchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
