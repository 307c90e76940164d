import type { Redis } from 'ioredis';
import { interludeError } from '../../errors/index.js';
import type { IdempotencyAnswer, IdempotencyRecord, IdempotencyStore, Reservation } from './idempotency-store.js';

/**
 * Records at `<prefix>idem:<key>` as JSON with a PX expiry. `SET NX` makes the reservation
 * atomic across instances. (Built in the composition root; the HTTP layer sees only the
 * IdempotencyStore interface.)
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(private readonly redis: Redis, private readonly keyPrefix: string) {}

  private key(key: string): string {
    return `${this.keyPrefix}idem:${key}`;
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      throw interludeError('STORE_UNAVAILABLE', 'Idempotency store unavailable.', { store: 'idempotency', reason: e instanceof Error ? e.message : String(e) }, { cause: e });
    }
  }

  async reserve(key: string, fingerprint: string, pendingTtlMs: number): Promise<Reservation> {
    const k = this.key(key);
    const pending: IdempotencyRecord = { state: 'pending', fingerprint };
    // two rounds: the record may expire between a failed SET NX and the GET
    for (let attempt = 0; attempt < 2; attempt++) {
      const set = await this.call(() => this.redis.set(k, JSON.stringify(pending), 'PX', pendingTtlMs, 'NX'));
      if (set === 'OK') return { reserved: true };
      const json = await this.call(() => this.redis.get(k));
      if (json !== null) return { reserved: false, record: parseRecord(json) ?? pending };
    }
    return { reserved: false, record: pending };
  }

  async complete(key: string, fingerprint: string, answer: IdempotencyAnswer, ttlMs: number): Promise<void> {
    const record: IdempotencyRecord = { state: 'done', fingerprint, answer };
    await this.call(() => this.redis.set(this.key(key), JSON.stringify(record), 'PX', ttlMs));
  }

  async release(key: string): Promise<void> {
    await this.call(() => this.redis.del(this.key(key)));
  }
}

function parseRecord(json: string): IdempotencyRecord | undefined {
  try {
    const r = JSON.parse(json) as Partial<IdempotencyRecord> | null;
    if (r && (r.state === 'pending' || r.state === 'done') && typeof r.fingerprint === 'string') return r as IdempotencyRecord;
  } catch {
    // fall through: an unreadable record is treated as in progress until it expires
  }
  return undefined;
}
