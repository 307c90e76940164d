/**
 * BeaconLedger in Redis, shared by every instance and worker. One hash per session,
 * `<prefix>b:{<sessionId>}` (the session's hash tag, so it sits in the session's Cluster
 * slot), field = beacon id, value = entry JSON. Each write refreshes the hash's TTL.
 */
import type { Cluster, Redis } from 'ioredis';
import { InterludeError } from '../../errors/index.js';
import { byFiredAt, type BeaconLedger, type BeaconLedgerEntry, type BeaconRef, type BeaconState, type RecordOptions } from './beacon-ledger.js';

export interface RedisLedgerOptions {
  /** Prepended to every key (e.g. `interlude:`). Default ''. */
  readonly prefix?: string;
  /** Default 24 h. */
  readonly ttlMs?: number;
}

/** One recordMany call waiting for the next flush. */
interface PendingWrite {
  readonly entries: readonly BeaconLedgerEntry[];
  readonly onlyIfAbsent: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

/** Cluster: each call split by session hash; a call settles once all its parts have. */
function bySession(writes: readonly PendingWrite[]): PendingWrite[][] {
  const groups = new Map<string, PendingWrite[]>();
  for (const w of writes) {
    const parts = new Map<string, BeaconLedgerEntry[]>();
    for (const entry of w.entries) parts.set(entry.sessionId, [...(parts.get(entry.sessionId) ?? []), entry]);
    let left = parts.size;
    let failed = false;
    for (const [sessionId, entries] of parts) {
      const part: PendingWrite = {
        entries, onlyIfAbsent: w.onlyIfAbsent,
        resolve: () => {
          left -= 1;
          if (left === 0 && !failed) w.resolve();
        },
        reject: (error) => {
          failed = true;
          w.reject(error);
        },
      };
      groups.set(sessionId, [...(groups.get(sessionId) ?? []), part]);
    }
  }
  return [...groups.values()];
}

const STATES: ReadonlySet<string> = new Set<BeaconState>(['queued', 'sent', 'retrying', 'failed']);

export class RedisBeaconLedger implements BeaconLedger {
  readonly #redis: Redis | Cluster;
  readonly #prefix: string;
  readonly #ttlMs: number;
  #pending: PendingWrite[] = [];

  /** The client is injected and owned by the caller; close() leaves it open. */
  constructor(redis: Redis | Cluster, options: RedisLedgerOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? '';
    this.#ttlMs = Math.max(1, Math.round(options.ttlMs ?? 24 * 60 * 60 * 1000));
  }

  record(entry: BeaconLedgerEntry, options: RecordOptions = {}): Promise<void> {
    return this.recordMany([entry], options);
  }

  /**
   * Writes coalesce: every call made before the next turn of the event loop goes out in
   * one pipeline (one socket write, one round trip), which is what keeps a worker's
   * per-beacon `sent` records from costing a round trip each. Calls keep their order, and
   * each resolves or rejects with its own commands' replies.
   */
  recordMany(entries: readonly BeaconLedgerEntry[], options: RecordOptions = {}): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ entries, onlyIfAbsent: options.onlyIfAbsent === true, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    const writes = this.#pending;
    this.#pending = [];
    // A Cluster pipeline must stay within one slot: one per session hash there.
    const groups = this.#redis.isCluster ? bySession(writes) : [writes];
    for (const group of groups) void this.#write(group);
  }

  async #write(writes: readonly PendingWrite[]): Promise<void> {
    const spans: number[] = [];
    const keys = new Set<string>();
    let replies: [Error | null, unknown][] | null;
    try {
      const p = this.#redis.pipeline();
      for (const w of writes) {
        for (const entry of w.entries) {
          const key = this.#key(entry.sessionId);
          keys.add(key);
          const json = JSON.stringify(entry);
          if (w.onlyIfAbsent) p.hsetnx(key, entry.id, json);
          else p.hset(key, entry.id, json);
        }
        spans.push(w.entries.length);
      }
      for (const key of keys) p.pexpire(key, this.#ttlMs);
      replies = await guarded('beacon ledger record', () => p.exec());
    } catch (e) {
      for (const w of writes) w.reject(e);
      return;
    }
    let at = 0;
    const expiry = replies?.slice(-keys.size).find(([error]) => error !== null);
    writes.forEach((w, i) => {
      const mine = replies?.slice(at, at + (spans[i] ?? 0));
      at += spans[i] ?? 0;
      const failed = mine?.find(([error]) => error !== null) ?? expiry;
      if (replies === null || failed) w.reject(unavailable('beacon ledger record', failed?.[0]));
      else w.resolve();
    });
  }

  async list(sessionId: string): Promise<readonly BeaconLedgerEntry[]> {
    const all = await guarded('beacon ledger list', () => this.#redis.hgetall(this.#key(sessionId)));
    // The ledger is diagnostic: an entry that does not decode is skipped, not fatal.
    return Object.values(all).map(decode).filter((e): e is BeaconLedgerEntry => e !== undefined).sort(byFiredAt);
  }

  /** One HMGET per session, all in one pipeline (Cluster: each stays within its session's slot). */
  async states(refs: readonly BeaconRef[]): Promise<(BeaconState | undefined)[]> {
    if (refs.length === 0) return [];
    const bySession = new Map<string, number[]>();
    refs.forEach((r, i) => bySession.set(r.sessionId, [...(bySession.get(r.sessionId) ?? []), i]));
    const p = this.#redis.pipeline();
    for (const [sessionId, at] of bySession) p.hmget(this.#key(sessionId), ...at.map((i) => refs[i]?.id ?? ''));
    const replies = await guarded('beacon ledger states', () => p.exec());
    const out: (BeaconState | undefined)[] = refs.map(() => undefined);
    [...bySession.values()].forEach((at, k) => {
      const [error, values] = replies?.[k] ?? [null, null];
      if (error !== null || !Array.isArray(values)) throw unavailable('beacon ledger states', error ?? undefined);
      at.forEach((i, j) => { out[i] = decode(values[j] as string | null)?.state; });
    });
    return out;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #key(sessionId: string): string {
    return `${this.#prefix}b:{${sessionId}}`;
  }
}

function decode(raw: string | null): BeaconLedgerEntry | undefined {
  if (raw === null) return undefined;
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
