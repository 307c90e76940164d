/**
 * The last media playlist each (session, rendition) was answered with, in process memory,
 * with the inputs it was made from. Two uses:
 *
 * - Reuse: a player refreshes every few seconds, and most refreshes see the same origin
 *   window, the same stored state and the same decisions; splicing again would give the same
 *   bytes (the splice is a pure function of those inputs), so the stored bytes are answered.
 * - Stale fallback: a failing live origin is bridged with the last answer for a moment
 *   (origin-failure-policy.ts says how long).
 *
 * Per instance on purpose: a player usually sticks to one instance, and the inputs are
 * compared by identity (origin parse, channel, rendition entry) plus the store's version, so
 * another instance's writes are seen. Bounded by an LRU on entries and on bytes; the bodies
 * are Buffers, written to sockets as they are.
 */
import type { Clock } from '../sessions/clock.js';

/** What an answer was made from; equal inputs make equal bytes. */
export interface AnswerInputs {
  /** The parsed origin playlist (OriginPlaylists hands out one object per distinct body). */
  readonly origin: object;
  readonly channel: object;
  readonly entry: object;
  /** PlaylistState.version of the load the answer was made from. */
  readonly version: string;
}

interface Answered {
  readonly body: Buffer;
  readonly inputs: AnswerInputs | undefined;
  readonly atMs: number;
  readonly freshForMs: number;
}

export interface AnsweredPlaylistsOptions {
  readonly maxEntries?: number;
  /** Bound on the bodies kept. */
  readonly maxBytes?: number;
}

export class AnsweredPlaylists {
  readonly #clock: Clock;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Answered>();
  #bytes = 0;

  constructor(clock: Clock, options: AnsweredPlaylistsOptions = {}) {
    this.#clock = clock;
    this.#maxEntries = Math.max(1, options.maxEntries ?? 20_000);
    this.#maxBytes = Math.max(1, options.maxBytes ?? 64 * 1024 * 1024);
  }

  /**
   * Keeps an answer. `inputs` undefined: not reusable (made from partial inputs, or its
   * refresh had to write state), still good as a stale fallback for `freshForMs`.
   */
  remember(sessionId: string, rendition: number, body: Buffer, inputs: AnswerInputs | undefined, freshForMs: number): void {
    const key = keyOf(sessionId, rendition);
    this.#drop(key);
    this.#entries.set(key, { body, inputs, atMs: this.#clock.nowMs(), freshForMs });
    this.#bytes += body.length;
    while (this.#entries.size > this.#maxEntries || (this.#bytes > this.#maxBytes && this.#entries.size > 1)) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#drop(oldest.value);
    }
  }

  /** The last answer when it was made from exactly these inputs (and it is now the most recent). */
  reuse(sessionId: string, rendition: number, inputs: AnswerInputs): Buffer | undefined {
    const key = keyOf(sessionId, rendition);
    const hit = this.#entries.get(key);
    const was = hit?.inputs;
    if (hit === undefined || was === undefined) return undefined;
    const same = was.origin === inputs.origin && was.channel === inputs.channel && was.entry === inputs.entry && was.version === inputs.version;
    if (!same) return undefined;
    // Map order is insertion order: a playing session's answer moves away from eviction.
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit.body;
  }

  /** The last answer while it may still stand in for a failing origin, else undefined. */
  recall(sessionId: string, rendition: number): { body: Buffer; ageMs: number } | undefined {
    const hit = this.#entries.get(keyOf(sessionId, rendition));
    if (hit === undefined) return undefined;
    const ageMs = this.#clock.nowMs() - hit.atMs;
    // freshForMs 0 (VOD): never a stand-in, not even within the same millisecond.
    return hit.freshForMs > 0 && ageMs <= hit.freshForMs ? { body: hit.body, ageMs } : undefined;
  }

  #drop(key: string): void {
    const prev = this.#entries.get(key);
    if (prev === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= prev.body.length;
  }
}

function keyOf(sessionId: string, rendition: number): string {
  return `${sessionId}/${rendition}`;
}
