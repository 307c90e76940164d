import type { IdempotencyAnswer, IdempotencyRecord, IdempotencyStore, Reservation } from './idempotency-store.js';

/** In-process records with lazy expiry, driven by an injected clock. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, { record: IdempotencyRecord; expiresAtMs: number }>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  private live(key: string): IdempotencyRecord | undefined {
    const entry = this.records.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= this.nowMs()) {
      this.records.delete(key);
      return undefined;
    }
    return entry.record;
  }

  reserve(key: string, fingerprint: string, pendingTtlMs: number): Promise<Reservation> {
    const record = this.live(key);
    if (record !== undefined) return Promise.resolve({ reserved: false, record: structuredClone(record) });
    this.records.set(key, { record: { state: 'pending', fingerprint }, expiresAtMs: this.nowMs() + pendingTtlMs });
    return Promise.resolve({ reserved: true });
  }

  complete(key: string, fingerprint: string, answer: IdempotencyAnswer, ttlMs: number): Promise<void> {
    this.records.set(key, { record: { state: 'done', fingerprint, answer: structuredClone(answer) }, expiresAtMs: this.nowMs() + ttlMs });
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    this.records.delete(key);
    return Promise.resolve();
  }
}
