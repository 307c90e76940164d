/**
 * A tiny in-process key space with per-key expiry, the embedded stand-in for Redis. The
 * memory session and decision stores share one, with the same key names as Redis
 * (state-keys.ts), so that touching a session refreshes its decisions in both backends.
 *
 * Growth is bounded by expiry: expired keys are dropped when read (lazy) and by a sweep
 * every `sweepIntervalMs` (periodic; the timer is unref'd and stopped by close()).
 */
import type { Clock } from './clock.js';

interface Entry {
  value: unknown;
  expiresAtMs: number;
}

export interface MemoryKeyspaceOptions {
  readonly clock: Clock;
  /** 0 disables the periodic sweep (tests call sweep() themselves). Default 30 s. */
  readonly sweepIntervalMs?: number;
}

export class MemoryKeyspace {
  readonly clock: Clock;
  readonly #entries = new Map<string, Entry>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: MemoryKeyspaceOptions) {
    this.clock = options.clock;
    const every = options.sweepIntervalMs ?? 30_000;
    if (every > 0) {
      this.#timer = setInterval(() => this.sweep(), every);
      this.#timer.unref();
    }
  }

  /** Live keys and not-yet-swept expired ones. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The value under `key`, unchecked: callers own the type they stored under their key
   * names. Mutating a returned Map or Set mutates the stored value, as HSET would.
   */
  get<V>(key: string): V | undefined {
    const e = this.#live(key);
    return e === undefined ? undefined : (e.value as V);
  }

  set(key: string, value: unknown, ttlMs: number): void {
    this.#entries.set(key, { value, expiresAtMs: this.clock.nowMs() + ttlMs });
  }

  /** Milliseconds to expiry, or undefined when the key does not exist. */
  remainingMs(key: string): number | undefined {
    const e = this.#live(key);
    return e === undefined ? undefined : e.expiresAtMs - this.clock.nowMs();
  }

  /** Sets the expiry to exactly `ttlMs` from now (PEXPIRE). False when absent. */
  expire(key: string, ttlMs: number): boolean {
    const e = this.#live(key);
    if (e === undefined) return false;
    e.expiresAtMs = this.clock.nowMs() + ttlMs;
    return true;
  }

  /** Pushes the expiry out to at least `ttlMs` from now; never shortens. */
  extend(key: string, ttlMs: number): boolean {
    const e = this.#live(key);
    if (e === undefined) return false;
    e.expiresAtMs = Math.max(e.expiresAtMs, this.clock.nowMs() + ttlMs);
    return true;
  }

  delete(...keys: readonly string[]): void {
    for (const k of keys) this.#entries.delete(k);
  }

  /** Drops every expired key; returns how many went. */
  sweep(): number {
    const now = this.clock.nowMs();
    let dropped = 0;
    for (const [k, e] of this.#entries) {
      if (e.expiresAtMs <= now) {
        this.#entries.delete(k);
        dropped++;
      }
    }
    return dropped;
  }

  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #live(key: string): Entry | undefined {
    const e = this.#entries.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAtMs <= this.clock.nowMs()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }
}

/** Runs synchronous store logic as a promise, turning a throw into a rejection. */
export function settle<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
