
/** The first answer given for an Idempotency-Key, replayed to every retry with the same key. */
export interface IdempotencyAnswer {
  readonly status: number;
  /** JSON-serialisable; null for a 204. */
  readonly body: unknown;
}

/**
 * A key's record. `pending` while the first request runs (a crash leaves it to expire after
 * the short pending TTL); `done` once the answer is known (kept for the full TTL, 24 h).
 * `fingerprint` hashes method, path and body: the same key with another fingerprint is a
 * client bug (IDEMPOTENCY_CONFLICT), not a retry.
 */
export type IdempotencyRecord =
  | { readonly state: 'pending'; readonly fingerprint: string }
  | { readonly state: 'done'; readonly fingerprint: string; readonly answer: IdempotencyAnswer };

export type Reservation =
  | { readonly reserved: true }
  | { readonly reserved: false; readonly record: IdempotencyRecord };

/**
 * Idempotency records for the control plane (memory or Redis, like every other store).
 *
 * Guarantees:
 * - `reserve` is atomic: of several concurrent calls with one key, exactly one gets
 *   `reserved: true`; the others get the record as it stands.
 * - Records expire after the TTL given with the last write; an expired key is free again.
 * - `complete` and `release` act only on the given key and are safe to call once reserved.
 *
 * Errors: a backend that cannot be reached rejects with STORE_UNAVAILABLE.
 */
export interface IdempotencyStore {
  reserve(key: string, fingerprint: string, pendingTtlMs: number): Promise<Reservation>;
  complete(key: string, fingerprint: string, answer: IdempotencyAnswer, ttlMs: number): Promise<void>;
  /** Frees a reserved key so a retry runs again (after a 5xx: nothing was decided). */
  release(key: string): Promise<void>;
}
