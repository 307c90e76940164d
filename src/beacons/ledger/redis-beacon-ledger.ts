/**
 * BeaconLedger in Redis, shared by every instance and worker. One hash per session,
 * `<prefix>b:{<sessionId>}` (the session's hash tag, so it sits in the session's Cluster
 * slot), field = beacon id, value = entry JSON. Each write refreshes the hash's TTL.
 */
import type { Cluster, Redis } from 'ioredis';
import { InterludeError } from '../../errors/index.js';
import { inTurnPipeline } from '../../sessions/turn-pipeline.js';
import { byFiredAt, type BeaconLedger, type BeaconLedgerEntry, type BeaconRef, type BeaconState, type RecordOptions } from './beacon-ledger.js';

export interface RedisLedgerOptions {
  /** Prepended to every key (e.g. `interlude:`). Default ''. */
  readonly prefix?: string;
  /** Default 24 h. */
  readonly ttlMs?: number;
}

/** Items grouped by session, each group in the order given. */
function bySession<T extends { readonly sessionId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.sessionId);
    if (group === undefined) groups.set(item.sessionId, [item]);
    else group.push(item);
  }
  return groups;
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

  /**
   * Writes coalesce: every call made before the next turn of the event loop shares the
   * client's pipeline of that turn (one socket write, one round trip) with the session
   * store's commands, which is what keeps a worker's per-beacon `sent` records from costing
   * a round trip each. Each call resolves or rejects with its own commands' replies. On a
   * Cluster each session's part is its own pipeline (one slot each).
   */
  async recordMany(entries: readonly BeaconLedgerEntry[], options: RecordOptions = {}): Promise<void> {
    if (entries.length === 0) return;
    const parts = this.#redis.isCluster ? [...bySession(entries).values()] : [entries];
    await Promise.all(parts.map((part) => this.#write(part, options.onlyIfAbsent === true)));
  }

  async #write(entries: readonly BeaconLedgerEntry[], onlyIfAbsent: boolean): Promise<void> {
    const keys = new Set(entries.map((e) => this.#key(e.sessionId)));
    const replies = await guarded('beacon ledger record', () => inTurnPipeline(this.#redis, (p) => {
      for (const entry of entries) {
        const json = JSON.stringify(entry);
        if (onlyIfAbsent) p.hsetnx(this.#key(entry.sessionId), entry.id, json);
        else p.hset(this.#key(entry.sessionId), entry.id, json);
      }
      for (const key of keys) p.pexpire(key, this.#ttlMs);
    }));
    const failed = replies.find(([error]) => error !== null);
    if (failed !== undefined) throw unavailable('beacon ledger record', failed[0]);
  }

  async list(sessionId: string): Promise<readonly BeaconLedgerEntry[]> {
    const all = await guarded('beacon ledger list', () => this.#redis.hgetall(this.#key(sessionId)));
    // The ledger is diagnostic: an entry that does not decode is skipped, not fatal.
    return Object.values(all).map(decode).filter((e): e is BeaconLedgerEntry => e !== undefined).sort(byFiredAt);
  }

  /** One HMGET per session, on the turn's pipeline (Cluster: one pipeline per session's slot). */
  async states(refs: readonly BeaconRef[]): Promise<(BeaconState | undefined)[]> {
    const out: (BeaconState | undefined)[] = refs.map(() => undefined);
    const groups = [...bySession(refs.map((r, i) => ({ sessionId: r.sessionId, id: r.id, at: i }))).values()];
    const parts = this.#redis.isCluster ? groups.map((g) => [g]) : [groups];
    await Promise.all(parts.map(async (part) => {
      const replies = await guarded('beacon ledger states', () => inTurnPipeline(this.#redis, (p) => {
        for (const g of part) p.hmget(this.#key(g[0]?.sessionId ?? ''), ...g.map((r) => r.id));
      }));
      part.forEach((g, k) => {
        const [error, values] = replies[k] ?? [null, null];
        if (error !== null || !Array.isArray(values)) throw unavailable('beacon ledger states', error ?? undefined);
        g.forEach((r, j) => { out[r.at] = decode(values[j] as string | null)?.state; });
      });
    }));
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
