import type { Redis } from 'ioredis';
import { interludeError } from '../errors/index.js';
import { channelSchema, type Channel } from './channel-schema.js';
import type { ChannelStore } from './channel-store.js';

/**
 * Channels in Redis: one JSON string per channel at `<prefix>channel:<id>` and the ids in
 * the set `<prefix>channels`. Writes that touch both keys run as one Lua script, so the
 * index never disagrees with the records (the script's keys share no hash tag: this store
 * targets a single Redis, not a cluster).
 */

// KEYS[1] record, KEYS[2] index; ARGV[1] json, ARGV[2] id
const CREATE = `if redis.call('SET', KEYS[1], ARGV[1], 'NX') then redis.call('SADD', KEYS[2], ARGV[2]) return 1 end return 0`;
const REPLACE = `if redis.call('SET', KEYS[1], ARGV[1], 'XX') then redis.call('SADD', KEYS[2], ARGV[2]) return 1 end return 0`;
const PUT = `redis.call('SET', KEYS[1], ARGV[1]) redis.call('SADD', KEYS[2], ARGV[2]) return 1`;
// KEYS[1] record, KEYS[2] index; ARGV[1] id
const DELETE = `local n = redis.call('DEL', KEYS[1]) redis.call('SREM', KEYS[2], ARGV[1]) return n`;

export interface RedisChannelStoreOptions {
  readonly redis: Redis;
  /** Prefix of every key, e.g. `interlude:`; tests pass their own. */
  readonly keyPrefix: string;
}

export class RedisChannelStore implements ChannelStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(options: RedisChannelStoreOptions) {
    this.redis = options.redis;
    this.prefix = options.keyPrefix;
  }

  private recordKey(id: string): string {
    return `${this.prefix}channel:${id}`;
  }

  private get indexKey(): string {
    return `${this.prefix}channels`;
  }

  private async call<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      throw interludeError('STORE_UNAVAILABLE', `Channel store: ${what} failed.`, { store: 'channels', reason: e instanceof Error ? e.message : String(e) }, { cause: e });
    }
  }

  private decode(key: string, json: string): Channel {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      raw = undefined;
    }
    const parsed = channelSchema.safeParse(raw);
    if (!parsed.success) throw interludeError('STORE_CORRUPT', 'A stored channel does not parse.', { store: 'channels', key });
    return parsed.data;
  }

  async get(id: string): Promise<Channel | undefined> {
    const key = this.recordKey(id);
    const json = await this.call('get', () => this.redis.get(key));
    return json === null ? undefined : this.decode(key, json);
  }

  async list(): Promise<Channel[]> {
    const ids = (await this.call('list', () => this.redis.smembers(this.indexKey))).sort();
    if (ids.length === 0) return [];
    const keys = ids.map((id) => this.recordKey(id));
    const values = await this.call('list', () => this.redis.mget(...keys));
    const out: Channel[] = [];
    values.forEach((json, i) => {
      // a record deleted between SMEMBERS and MGET is simply gone
      if (json !== null) out.push(this.decode(keys[i] as string, json));
    });
    return out;
  }

  private async write(script: string, what: string, channel: Channel): Promise<boolean> {
    const n = await this.call(what, () => this.redis.eval(script, 2, this.recordKey(channel.id), this.indexKey, JSON.stringify(channel), channel.id));
    return n === 1;
  }

  create(channel: Channel): Promise<boolean> {
    return this.write(CREATE, 'create', channel);
  }

  replace(channel: Channel): Promise<boolean> {
    return this.write(REPLACE, 'replace', channel);
  }

  async put(channel: Channel): Promise<void> {
    await this.write(PUT, 'put', channel);
  }

  async delete(id: string): Promise<boolean> {
    const n = await this.call('delete', () => this.redis.eval(DELETE, 2, this.recordKey(id), this.indexKey, id));
    return n === 1;
  }
}
