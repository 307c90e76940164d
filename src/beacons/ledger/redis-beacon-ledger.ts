/**
 * BeaconLedger in Redis, shared by every instance and worker. One hash per session,
 * `<prefix>b:{<sessionId>}` (the session's hash tag, so it sits in the session's Cluster
 * slot), field = beacon id, value = entry JSON. Each write refreshes the hash's TTL.
 */
import type { Cluster, Redis } from 'ioredis';
import { InterludeError } from '../../errors/index.js';
import { installStateScripts, queueScript } from '../../sessions/redis-scripts.js';
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

/** The ledger writes of one turn (standalone server): one script call, built when the turn's pipeline is. */
interface TurnWrites {
  /** Key → its 1-based index in the script's KEYS. */
  readonly keys: Map<string, number>;
  /** The script's ARGV after the TTL: index, only-if-absent flag, field, value per entry. */
  readonly args: string[];
  readonly done: Promise<void>;
}

export class RedisBeaconLedger implements BeaconLedger {
  readonly #redis: Redis | Cluster;
  readonly #prefix: string;
  readonly #ttlMs: number;
  #turn: TurnWrites | undefined;

  /** The client is injected and owned by the caller; close() leaves it open. */
  constructor(redis: Redis | Cluster, options: RedisLedgerOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? '';
    this.#ttlMs = Math.max(1, Math.round(options.ttlMs ?? 24 * 60 * 60 * 1000));
    installStateScripts(redis);
  }

  record(entry: BeaconLedgerEntry, options: RecordOptions = {}): Promise<void> {
    return this.recordMany([entry], options);
  }

  /**
   * Writes coalesce: every call made before the next turn of the event loop goes into one
   * script call (interludeLedgerWrite) on the client's pipeline of that turn, shared with
   * the session store's commands: one socket write and one round trip, and one command
   * instead of an HSET and a PEXPIRE per beacon (the client's cost per command was most of
   * a record's). The calls of a turn resolve or reject together. On a Cluster each
   * session's part is its own pipeline (one slot each).
   */
  async recordMany(entries: readonly BeaconLedgerEntry[], options: RecordOptions = {}): Promise<void> {
    if (entries.length === 0) return;
    const onlyIfAbsent = options.onlyIfAbsent === true;
    if (!this.#redis.isCluster) return this.#writeInTurn(entries, onlyIfAbsent);
    await Promise.all([...bySession(entries).values()].map((part) => this.#write(part, onlyIfAbsent)));
  }

  #writeInTurn(entries: readonly BeaconLedgerEntry[], onlyIfAbsent: boolean): Promise<void> {
    let turn = this.#turn;
    if (turn === undefined) {
      const keys = new Map<string, number>();
      const args = [String(this.#ttlMs)];
      const done = guarded('beacon ledger record', () => inTurnPipeline(this.#redis, (p) => {
        // Built at the end of the turn: later calls of this turn are in; the next ones start a new one.
        this.#turn = undefined;
        queueScript(p, 'interludeLedgerWrite', [...keys.keys()], args);
      })).then((replies) => {
        const [error] = replies[0] ?? [null];
        if (error !== null) throw unavailable('beacon ledger record', error);
      });
      this.#turn = turn = { keys, args, done };
    }
    for (const entry of entries) {
      const key = this.#key(entry.sessionId);
      let index = turn.keys.get(key);
      if (index === undefined) turn.keys.set(key, (index = turn.keys.size + 1));
      turn.args.push(String(index), onlyIfAbsent ? '1' : '0', entry.id, JSON.stringify(entry));
    }
    return turn.done;
  }

  /** One session's entries on a Cluster: its own pipeline, in its slot. */
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
