import { byFiredAt, type BeaconLedger, type BeaconLedgerEntry, type BeaconRef, type BeaconState, type RecordOptions } from './beacon-ledger.js';

export interface MemoryLedgerOptions {
  /** A session's entries go this long after its last write. Default 24 h. */
  readonly ttlMs?: number;
  readonly nowMs?: () => number;
}

/** BeaconLedger in process memory (embedded default). Expiry is checked lazily on access. */
export class MemoryBeaconLedger implements BeaconLedger {
  readonly #sessions = new Map<string, { entries: Map<string, BeaconLedgerEntry>; expiresAtMs: number }>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: MemoryLedgerOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.#now = options.nowMs ?? Date.now;
  }

  record(entry: BeaconLedgerEntry, options: RecordOptions = {}): Promise<void> {
    this.#sweep();
    const now = this.#now();
    let session = this.#sessions.get(entry.sessionId);
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
    const session = this.#sessions.get(sessionId);
    return Promise.resolve(session ? [...session.entries.values()].sort(byFiredAt) : []);
  }

  states(refs: readonly BeaconRef[]): Promise<(BeaconState | undefined)[]> {
    this.#sweep();
    return Promise.resolve(refs.map((r) => this.#sessions.get(r.sessionId)?.entries.get(r.id)?.state));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, s] of this.#sessions) if (s.expiresAtMs <= now) this.#sessions.delete(id);
  }
}
