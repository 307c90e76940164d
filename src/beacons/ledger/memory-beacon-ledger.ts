import { byFiredAt, type BeaconLedger, type BeaconLedgerEntry, type BeaconRef, type BeaconState, type RecordOptions } from './beacon-ledger.js';

export interface MemoryLedgerOptions {
  /** A session's entries go this long after its last write. Default 24 h. */
  readonly ttlMs?: number;
  readonly nowMs?: () => number;
}

const SWEEP_EVERY_MS = 1_000;

interface SessionEntries {
  readonly entries: Map<string, BeaconLedgerEntry>;
  expiresAtMs: number;
}

/** BeaconLedger in process memory (embedded default). Expiry is checked lazily on access. */
export class MemoryBeaconLedger implements BeaconLedger {
  readonly #sessions = new Map<string, SessionEntries>();
  readonly #ttlMs: number;
  readonly #now: () => number;
  #sweptAtMs = Number.NEGATIVE_INFINITY;

  constructor(options: MemoryLedgerOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.#now = options.nowMs ?? Date.now;
  }

  record(entry: BeaconLedgerEntry, options: RecordOptions = {}): Promise<void> {
    this.#sweep();
    const now = this.#now();
    let session = this.#live(entry.sessionId, now);
    if (!session) {
      session = { entries: new Map(), expiresAtMs: 0 };
      this.#sessions.set(entry.sessionId, session);
    }
    session.expiresAtMs = now + this.#ttlMs;
    if (!(options.onlyIfAbsent === true && session.entries.has(entry.id))) session.entries.set(entry.id, { ...entry });
    return Promise.resolve();
  }

  async recordMany(entries: readonly BeaconLedgerEntry[], options: RecordOptions = {}): Promise<void> {
    for (const entry of entries) await this.record(entry, options);
  }

  list(sessionId: string): Promise<readonly BeaconLedgerEntry[]> {
    this.#sweep();
    const session = this.#live(sessionId, this.#now());
    return Promise.resolve(session ? [...session.entries.values()].sort(byFiredAt) : []);
  }

  states(refs: readonly BeaconRef[]): Promise<(BeaconState | undefined)[]> {
    this.#sweep();
    const now = this.#now();
    return Promise.resolve(refs.map((r) => this.#live(r.sessionId, now)?.entries.get(r.id)?.state));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The session's entries unless they expired (then they are dropped). */
  #live(sessionId: string, now: number): SessionEntries | undefined {
    const session = this.#sessions.get(sessionId);
    if (session === undefined || session.expiresAtMs > now) return session;
    this.#sessions.delete(sessionId);
    return undefined;
  }

  /**
   * Drops expired sessions, at most once per SWEEP_EVERY_MS: a sweep walks every session,
   * and running it on each record made a beacon cost O(sessions). Reads and writes check
   * their own session's expiry (#live), so an expired session is never seen in between.
   */
  #sweep(): void {
    const now = this.#now();
    if (now - this.#sweptAtMs < SWEEP_EVERY_MS) return;
    this.#sweptAtMs = now;
    for (const [id, s] of this.#sessions) if (s.expiresAtMs <= now) this.#sessions.delete(id);
  }
}
