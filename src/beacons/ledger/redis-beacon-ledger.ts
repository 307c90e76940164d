/**
 * BeaconLedger in Redis, shared by every instance and worker. One hash per session,
 * `<prefix>b:{<sessionId>}` (the session's hash tag, so it sits in the session's Cluster
 * slot), field = beacon id, value = entry JSON. Each write refreshes the hash's TTL.
 */
import type { Cluster, Redis } from 'ioredis';
import { InterludeError } from '../../errors/index.js';
import { byFiredAt, type BeaconLedger, type BeaconLedgerEntry, type BeaconState, type RecordOptions } from './beacon-ledger.js';

export interface RedisLedgerOptions {
  /** Prepended to every key (e.g. `interlude:`). Default ''. */
  readonly prefix?: string;
  /** Default 24 h. */
  readonly ttlMs?: number;
}

const STATES: ReadonlySet<string> = new Set<BeaconState>(['queued', 'sent', 'retrying', 'failed']);

export class RedisBeaconLedger implements BeaconLedger {
  readonly #redis: Redis | Cluster;
  readonly #prefix: string;
  readonly #ttlMs: number;

  /** The client is injected and owned by the caller; close() leaves it open. */
  constructor(redis: Redis | Cluster, options: RedisLedgerOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? '';
    this.#ttlMs = Math.max(1, Math.round(options.ttlMs ?? 24 * 60 * 60 * 1000));
  }

  record(entry: BeaconLedgerEntry, options: RecordOptions = {}): Promise<void> {
    return this.recordMany([entry], options);
  }

  async recordMany(entries: readonly BeaconLedgerEntry[], options: RecordOptions = {}): Promise<void> {
    // One pipeline per session hash: a Cluster pipeline must stay within one slot.
    const bySession = new Map<string, BeaconLedgerEntry[]>();
    for (const entry of entries) {
      const list = bySession.get(entry.sessionId) ?? [];
      list.push(entry);
      bySession.set(entry.sessionId, list);
    }
    await Promise.all([...bySession].map(([sessionId, list]) => this.#write(sessionId, list, options)));
  }

  async #write(sessionId: string, entries: readonly BeaconLedgerEntry[], options: RecordOptions): Promise<void> {
    const key = this.#key(sessionId);
    const p = this.#redis.pipeline();
    for (const entry of entries) {
      const json = JSON.stringify(entry);
      if (options.onlyIfAbsent === true) p.hsetnx(key, entry.id, json);
      else p.hset(key, entry.id, json);
    }
    p.pexpire(key, this.#ttlMs);
    const replies = await guarded('beacon ledger record', () => p.exec());
    const failed = replies?.find(([error]) => error !== null);
    if (replies === null || failed) throw unavailable('beacon ledger record', failed?.[0]);
  }

  async list(sessionId: string): Promise<readonly BeaconLedgerEntry[]> {
    const all = await guarded('beacon ledger list', () => this.#redis.hgetall(this.#key(sessionId)));
    // The ledger is diagnostic: an entry that does not decode is skipped, not fatal.
    return Object.values(all).map(decode).filter((e): e is BeaconLedgerEntry => e !== undefined).sort(byFiredAt);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #key(sessionId: string): string {
    return `${this.#prefix}b:{${sessionId}}`;
  }
}

function decode(raw: string): BeaconLedgerEntry | undefined {
  try {
    const v = JSON.parse(raw) as Partial<BeaconLedgerEntry> | null;
    if (v === null || typeof v !== 'object' || typeof v.id !== 'string' || typeof v.state !== 'string' || !STATES.has(v.state)) return undefined;
    return v as BeaconLedgerEntry;
  } catch {
    return undefined;
  }
}

async function guarded<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (cause) {
    throw unavailable(what, cause);
  }
}

function unavailable(what: string, cause: unknown): InterludeError {
  const reason = cause instanceof Error ? cause.message.slice(0, 120) : 'no reply';
  return new InterludeError('STORE_UNAVAILABLE', 'The beacon ledger is unavailable.', { store: 'redis', reason: `${what}: ${reason}` }, { cause });
}
