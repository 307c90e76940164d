/**
 * A tiny in-process key space with per-key expiry, the embedded stand-in for Redis. The
 * memory session and decision stores share one, with the keys a session has in Redis
 * (state-keys.ts) as kinds under its id, so that touching a session refreshes its decisions
 * in both backends. Keys are grouped per session: a refresh reaches all of them with one
 * lookup instead of building and hashing four key names.
 *
 * Growth is bounded by expiry: expired keys are dropped when read (lazy) and by a sweep
 * every `sweepIntervalMs` (periodic; the timer is unref'd and stopped by close()).
 */
import type { Clock } from './clock.js';

interface Entry {
  value: unknown;
  expiresAtMs: number;
}

/** The values a session has (in Redis: fields of its hash `s:{id}:h`, and the set `s:{id}:once`). */
export type MemoryKeyKind = 'session' | 'live' | 'decisions' | 'once';

// A fixed shape: one lookup by session id reaches every key of the session.
interface Slot {
  session: Entry | undefined;
  live: Entry | undefined;
  decisions: Entry | undefined;
  once: Entry | undefined;
}

const KINDS: readonly MemoryKeyKind[] = ['session', 'live', 'decisions', 'once'];

export interface MemoryKeyspaceOptions {
  readonly clock: Clock;
  /** 0 disables the periodic sweep (tests call sweep() themselves). Default 30 s. */
  readonly sweepIntervalMs?: number;
}

export class MemoryKeyspace {
  readonly clock: Clock;
  readonly #slots = new Map<string, Slot>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: MemoryKeyspaceOptions) {
    this.clock = options.clock;
    const every = options.sweepIntervalMs ?? 30_000;
    if (every > 0) {
      this.#timer = setInterval(() => this.sweep(), every);
      this.#timer.unref();
    }
  }

  /** Live keys and not-yet-swept expired ones, over all sessions. */
  get size(): number {
    let n = 0;
    for (const slot of this.#slots.values()) for (const kind of KINDS) if (slot[kind] !== undefined) n++;
    return n;
  }

  /**
   * The value of a session's key, unchecked: callers own the type they stored under each
   * kind. Mutating a returned Map or Set mutates the stored value, as HSET would.
   */
  get<V>(sessionId: string, kind: MemoryKeyKind): V | undefined {
    const e = this.#live(this.#slots.get(sessionId), sessionId, kind, this.clock.nowMs());
    return e === undefined ? undefined : (e.value as V);
  }

  set(sessionId: string, kind: MemoryKeyKind, value: unknown, ttlMs: number): void {
    let slot = this.#slots.get(sessionId);
    if (slot === undefined) {
      slot = { session: undefined, live: undefined, decisions: undefined, once: undefined };
      this.#slots.set(sessionId, slot);
    }
    slot[kind] = { value, expiresAtMs: this.clock.nowMs() + ttlMs };
  }

  /** Milliseconds to expiry, or undefined when the key does not exist. */
  remainingMs(sessionId: string, kind: MemoryKeyKind): number | undefined {
    const now = this.clock.nowMs();
    const e = this.#live(this.#slots.get(sessionId), sessionId, kind, now);
    return e === undefined ? undefined : e.expiresAtMs - now;
  }

  /** Sets the expiry to exactly `ttlMs` from now (PEXPIRE). False when absent. */
  expire(sessionId: string, kind: MemoryKeyKind, ttlMs: number): boolean {
    const now = this.clock.nowMs();
    const e = this.#live(this.#slots.get(sessionId), sessionId, kind, now);
    if (e === undefined) return false;
    e.expiresAtMs = now + ttlMs;
    return true;
  }

  /** Pushes the expiry out to at least `ttlMs` from now; never shortens. */
  extend(sessionId: string, kind: MemoryKeyKind, ttlMs: number): boolean {
    const now = this.clock.nowMs();
    const e = this.#live(this.#slots.get(sessionId), sessionId, kind, now);
    if (e === undefined) return false;
    e.expiresAtMs = Math.max(e.expiresAtMs, now + ttlMs);
    return true;
  }

  /**
   * The Redis touch script's effect in one lookup: the session key expires exactly `ttlMs`
   * (default: what `ttlOf` reads from its value) from now, its other keys at least then.
   * Returns the session key's value, undefined (and nothing changed) when it does not exist.
   */
  touch<V>(sessionId: string, ttlOf: (value: V) => number, ttlMs?: number): V | undefined {
    const slot = this.#slots.get(sessionId);
    const now = this.clock.nowMs();
    const session = this.#live(slot, sessionId, 'session', now);
    if (slot === undefined || session === undefined) return undefined;
    const value = session.value as V;
    const until = now + (ttlMs ?? ttlOf(value));
    session.expiresAtMs = until;
    for (const kind of KINDS) {
      const e = kind === 'session' ? undefined : this.#live(slot, sessionId, kind, now);
      if (e !== undefined && e.expiresAtMs < until) e.expiresAtMs = until;
    }
    return value;
  }

  /** Removes every key of a session. */
  deleteSession(sessionId: string): void {
    this.#slots.delete(sessionId);
  }

  /** Drops every expired key; returns how many went. */
  sweep(): number {
    const now = this.clock.nowMs();
    let dropped = 0;
    for (const [id, slot] of this.#slots) {
      for (const kind of KINDS) {
        const e = slot[kind];
        if (e !== undefined && e.expiresAtMs <= now) {
          slot[kind] = undefined;
          dropped++;
        }
      }
      if (isEmpty(slot)) this.#slots.delete(id);
    }
    return dropped;
  }

  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #live(slot: Slot | undefined, sessionId: string, kind: MemoryKeyKind, now: number): Entry | undefined {
    const e = slot?.[kind];
    if (slot === undefined || e === undefined) return undefined;
    if (e.expiresAtMs <= now) {
      slot[kind] = undefined;
      if (isEmpty(slot)) this.#slots.delete(sessionId);
      return undefined;
    }
    return e;
  }
}

function isEmpty(slot: Slot): boolean {
  return slot.session === undefined && slot.live === undefined && slot.decisions === undefined && slot.once === undefined;
}

export function settle<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
