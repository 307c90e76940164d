/**
 * Where sessions and their per-session state live. Two implementations keep one contract
 * (test/contract/session-store.contract.ts): MemorySessionStore (embedded default) and
 * RedisSessionStore (shared by any number of service instances).
 *
 * Guarantees:
 * - Idle expiry: a session lives `ttlMs` after create or after its latest touch (sliding).
 *   Its live state, decisions and once-marks are refreshed with it, and die with it.
 * - Unknown, expired or malformed ids read as `undefined` / `false`; nothing throws for
 *   them. The HTTP layer turns `undefined` into 404 JSON.
 * - Backend failures reject with STORE_UNAVAILABLE (fast, never a hang); undecodable
 *   stored values with STORE_CORRUPT (store-errors.ts).
 */
import type { Pod } from '../../manifests/index.js';
import type { Session } from './session.js';

/** Everything a media playlist request needs, read (and the session touched) at once. */
export interface PlaylistState<T> {
  readonly session: Session;
  /** The rendition's live splice state, `undefined` before the first put. */
  readonly liveState: T | undefined;
  /** Stored decisions for the asked break ids that have one; others are absent. */
  readonly decisions: ReadonlyMap<string, Pod>;
  /**
   * Equal for two loads of one (session, rendition) exactly when their live state and
   * decisions are equal, and cheap to compare: an instance reuses the playlist it answered
   * last instead of splicing again when the origin window did not move either.
   */
  readonly version: string;
}

export interface SessionStore {
  /**
   * Stores a session under `session.id` with an idle TTL, which later touches reuse when
   * they pass none. An existing session with the same id is replaced (ids are random).
   */
  create(session: Session, ttlMs: number): Promise<void>;

  /** Reads without refreshing the TTL. */
  get(id: string): Promise<Session | undefined>;

  /** Refreshes the TTL and reads, in one round-trip. */
  getAndTouch(id: string, ttlMs?: number): Promise<Session | undefined>;

  /**
   * Sliding expiry: the session now expires `ttlMs` (default: the TTL given at create)
   * from now; its other keys are extended to at least that. False when it does not exist.
   */
  touch(id: string, ttlMs?: number): Promise<boolean>;

  /** Removes the session and all its state. Unknown ids are a no-op. */
  delete(id: string): Promise<void>;

  /**
   * Live splice state of one rendition (opaque to the store: the splice engine owns its
   * shape). Values go through JSON in both implementations, so only JSON survives.
   */
  getLiveState<T>(sessionId: string, renditionKey: string): Promise<T | undefined>;

  /**
   * Replaces a rendition's live state; it lives as long as the session. Returns false and
   * stores nothing when the session does not exist. Last writer wins.
   */
  putLiveState<T>(sessionId: string, renditionKey: string, state: T): Promise<boolean>;

  /**
   * Atomic set-if-absent for beacon dedupe: true for the first caller of (session, key)
   * only, across all instances. A mark lives at least `ttlMs` and at least as long as
   * the session. Does not require the session to exist.
   */
  markOnce(sessionId: string, key: string, ttlMs: number): Promise<boolean>;

  /**
   * `markOnce` of each key of one session in one atomic step (one Redis round trip): per
   * key, in order, true for its first caller only. A key repeated within `keys` is true at
   * most once. `[]` for no keys; all false for a malformed session id.
   */
  markOnceMany(sessionId: string, keys: readonly string[], ttlMs: number): Promise<boolean[]>;

  /**
   * The media playlist path: touches the session and reads it, the rendition's live state
   * and the stored decisions of `breakIds`, in ONE round-trip (one Redis pipeline).
   * `undefined` when the session is unknown or expired.
   */
  loadForPlaylist<T>(sessionId: string, renditionKey: string, breakIds: readonly string[]): Promise<PlaylistState<T> | undefined>;

  /** Releases timers the store owns. Does not close an injected Redis client. */
  close(): Promise<void>;
}
