/**
 * The last live playlist each (session, rendition) was answered with, in process memory,
 * so that a failing origin can be bridged for a moment (origin-failure-policy.ts says how
 * long). Per instance on purpose: a player usually sticks to one instance, and the store
 * round trip it would cost every refresh is not worth a rare fallback. Bounded by an LRU.
 */
import type { Clock } from '../sessions/clock.js';
import { LruCache } from './lru-cache.js';

interface LastGood {
  readonly text: string;
  readonly atMs: number;
  readonly freshForMs: number;
}

export class LastGoodPlaylists {
  readonly #clock: Clock;
  readonly #cache: LruCache<LastGood>;

  constructor(clock: Clock, maxEntries = 20_000) {
    this.#clock = clock;
    this.#cache = new LruCache(maxEntries);
  }

  remember(sessionId: string, rendition: number, text: string, freshForMs: number): void {
    this.#cache.set(`${sessionId}/${rendition}`, { text, atMs: this.#clock.nowMs(), freshForMs });
  }

  /** The stored playlist while it may still stand in for the origin, else undefined. */
  recall(sessionId: string, rendition: number): { text: string; ageMs: number } | undefined {
    const hit = this.#cache.get(`${sessionId}/${rendition}`);
    if (hit === undefined) return undefined;
    const ageMs = this.#clock.nowMs() - hit.atMs;
    return ageMs <= hit.freshForMs ? { text: hit.text, ageMs } : undefined;
  }
}
