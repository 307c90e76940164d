/**
 * Where the pod chosen for each (session, break) is kept, so that every refresh, every
 * rendition and every service instance splices the same ads (DESIGN: Splicing is
 * deterministic). One contract (test/contract/decision-store.contract.ts), two
 * implementations: MemoryDecisionStore and RedisDecisionStore.
 *
 * Decisions live in the session's key space: touching the session refreshes them and
 * deleting it removes them.
 */
import type { Pod } from '../../../manifests/index.js';
import type { InterludeError } from '../../errors/index.js';
import { sessionNotFound } from '../../sessions/store-errors.js';

export interface DecisionStore {
  /**
   * The stored pod for (session, break), or the one `decide` returns, stored for `ttlMs`
   * (extended, never shortened, if the session already has decisions).
   *
   * Single flight: `decide` runs at most once per (session, break) among concurrent
   * callers, in this process and, for Redis, across instances; every caller resolves with
   * the same pod. If the decider fails (`decide` rejects: nothing is stored and that
   * rejection reaches the callers sharing its flight) or dies (Redis: its pending marker
   * expires), a later caller decides.
   *
   * Rejects with AD_SOURCE_TIMEOUT (`source: 'decision-store'`) when another instance
   * holds the break past the store's max wait, STORE_UNAVAILABLE when the backend is
   * down, and SESSION_NOT_FOUND for a malformed session id.
   */
  getOrCreate(sessionId: string, breakId: string, decide: () => Promise<Pod>, ttlMs: number): Promise<Pod>;

  /** The stored pod, or undefined (never decides). */
  get(sessionId: string, breakId: string): Promise<Pod | undefined>;

  /** All stored pods of a session, in the order they were decided (for the tracking API). */
  list(sessionId: string): Promise<readonly Pod[]>;

  /** Releases what the store owns; an injected Redis client stays open. */
  close(): Promise<void>;
}

/** The rejection both stores give getOrCreate for an id no session could have. */
export function malformedSessionId(sessionId: string): InterludeError {
  return sessionNotFound(sessionId);
}
