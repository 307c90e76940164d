/**
 * What happened to each server-side beacon of a session: for support ("did the
 * impression go out?"), the tracking API and tests. Not the source of truth for delivery
 * (the queue is); a lost ledger write never loses a beacon.
 *
 * Guarantees:
 * - `record` upserts the entry of (sessionId, entry.id); the last write wins, except that
 *   `onlyIfAbsent` writes only when the beacon has no entry yet (the `queued` record, so
 *   a duplicate enqueue never moves a sent beacon back to queued).
 * - `list` returns a session's entries ordered by `firedAtMs`, then id; `[]` for an
 *   unknown or expired session.
 * - `states` reads the state of each beacon asked for (`undefined` when it has no entry):
 *   one round trip for all of them.
 * - Entries expire with the session's ledger TTL (Redis: refreshed on every write).
 * Errors: the Redis implementation throws STORE_UNAVAILABLE when Redis does not answer.
 */
export type BeaconState = 'queued' | 'sent' | 'retrying' | 'failed';

export interface BeaconLedgerEntry {
  /** The beacon id (idempotency key). */
  readonly id: string;
  readonly sessionId: string;
  readonly adId: string;
  readonly event: string;
  /** The URL as sent, macros filled. */
  readonly url: string;
  readonly state: BeaconState;
  /** Attempts made so far. */
  readonly attempts: number;
  /** HTTP status of the last attempt, when there was a response. */
  readonly lastStatus?: number;
  readonly lastError?: string;
  readonly firedAtMs: number;
  readonly updatedAtMs: number;
}

/** A beacon as the ledger files it. */
export interface BeaconRef {
  readonly sessionId: string;
  readonly id: string;
}

export interface RecordOptions {
  readonly onlyIfAbsent?: boolean;
}

export interface BeaconLedger {
  record(entry: BeaconLedgerEntry, options?: RecordOptions): Promise<void>;
  /** `record` of each entry with the same options, in one round trip (the queued records of a segment request). */
  recordMany?(entries: readonly BeaconLedgerEntry[], options?: RecordOptions): Promise<void>;
  list(sessionId: string): Promise<readonly BeaconLedgerEntry[]>;
  /** The state of each beacon, in order; `undefined` for one with no entry. */
  states(refs: readonly BeaconRef[]): Promise<(BeaconState | undefined)[]>;
  close(): Promise<void>;
}

export function byFiredAt(a: BeaconLedgerEntry, b: BeaconLedgerEntry): number {
  return a.firedAtMs - b.firedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
