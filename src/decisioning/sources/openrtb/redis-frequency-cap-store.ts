/**
 * Frequency cap counts in Redis, shared by every instance: one sorted set per
 * (viewer, advertiser domain), scored by the time of each ad, so a window count is one
 * ZCOUNT. The viewer's id sits in a hash tag so a viewer's keys share a cluster slot.
 *
 * A set lives as long as the longest window that recorded into it needs after its last ad
 * (the channel's window when given, else `ttlMs`; never shortened), and drops ads older
 * than `ttlMs` as it is written, so it stays as small as the longest window needs. Redis faults
 * never reach the auction: counts resolve with zeros (capping off beats no ads, per the
 * FrequencyCapStore contract) and a failed record is reported through `onError`.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { FrequencyCapStore } from './frequency-cap.js';

export interface RedisFrequencyCapStoreOptions {
  /** Prepended to every key (the deployment's `redis.keyPrefix`). */
  readonly prefix?: string;
  /** The longest window any channel uses; ads older than this are forgotten. Default 7 days. */
  readonly ttlMs?: number;
  readonly onError?: (error: unknown, op: 'counts' | 'record') => void;
}

export const DEFAULT_FREQUENCY_CAP_TTL_MS = 7 * 24 * 3_600_000;

// PEXPIRE … GT needs Redis 7 and leaves a key without expiry as it is; this does neither.
const EXTEND_EXPIRY_LUA = `local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1`;

export class RedisFrequencyCapStore implements FrequencyCapStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #onError: (error: unknown, op: 'counts' | 'record') => void;
  // Members must be unique: two ads at the same millisecond are two ads.
  readonly #instance = randomUUID().slice(0, 8);
  #seq = 0;

  constructor(redis: Redis, options: RedisFrequencyCapStoreOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? '';
    this.#ttlMs = options.ttlMs ?? DEFAULT_FREQUENCY_CAP_TTL_MS;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** The sorted set of one (viewer, domain). */
  key(viewerId: string, domain: string): string {
    return `${this.#prefix}fcap:{${viewerId}}:${domain}`;
  }

  async counts(viewerId: string, domains: readonly string[], windowMs: number, nowMs: number): Promise<ReadonlyMap<string, number>> {
    const out = new Map<string, number>(domains.map((d) => [d, 0]));
    if (domains.length === 0) return out;
    try {
      const pipe = this.#redis.pipeline();
      for (const d of domains) pipe.zcount(this.key(viewerId, d), nowMs - windowMs, '+inf');
      const replies = (await pipe.exec()) ?? [];
      domains.forEach((d, i) => {
        const [err, n] = replies[i] ?? [null, 0];
        if (err !== null) throw err;
        out.set(d, Number(n));
      });
      return out;
    } catch (e) {
      this.#onError(e, 'counts');
      return new Map(domains.map((d) => [d, 0]));
    }
  }

  async record(viewerId: string, domains: readonly string[], nowMs: number, windowMs?: number): Promise<void> {
    if (domains.length === 0) return;
    const liveMs = Math.min(this.#ttlMs, Math.max(1, Math.ceil(windowMs ?? this.#ttlMs)));
    try {
      const pipe = this.#redis.pipeline();
      for (const d of domains) {
        const k = this.key(viewerId, d);
        pipe.zadd(k, nowMs, `${nowMs}:${this.#instance}:${this.#seq++}`);
        pipe.zremrangebyscore(k, '-inf', `(${nowMs - this.#ttlMs}`);
        // Extend only: another channel's longer window may have recorded into this set.
        pipe.eval(EXTEND_EXPIRY_LUA, 1, k, liveMs);
      }
      const replies = (await pipe.exec()) ?? [];
      for (const [err] of replies) if (err !== null) throw err;
    } catch (e) {
      this.#onError(e, 'record');
    }
  }
}
