/**
 * SessionStore in process memory: the embedded default (no REDIS_URL). Shares a
 * MemoryKeyspace with MemoryDecisionStore so that touch refreshes decisions too and
 * loadForPlaylist can read them, exactly as the Redis layout does.
 */
import type { Pod } from '../../manifests/index.js';
import { settle, type MemoryKeyspace } from './memory-keyspace.js';
import type { Session } from './session.js';
import type { PlaylistState, SessionStore } from './session-store.js';
import { decisionStamp, decodeLiveState, encodeLiveState, type DecisionRecord } from './state-codec.js';
import { isValidSessionId, sessionKeys } from './state-keys.js';

interface SessionEntry {
  readonly session: Session;
  readonly ttlMs: number;
}

/** Value types kept under each key name (see state-keys.ts). */
export type MemoryLiveHash = Map<string, string>;
export type MemoryDecisionHash = Map<string, DecisionRecord>;
type OnceSet = Set<string>;

/**
 * The same text as one flat string. JSON.stringify hands back a tree of string pieces (V8
 * builds long results incrementally), and a kept tree costs about a third more than its
 * text. Measuring its UTF-8 length makes V8 flatten it in place (a native call the
 * optimiser cannot drop), freeing the pieces.
 */
function flat(text: string): string {
  Buffer.byteLength(text);
  return text;
}

export class MemorySessionStore implements SessionStore {
  readonly #ks: MemoryKeyspace;

  /** Pass the keyspace shared with MemoryDecisionStore (one per service process). */
  constructor(keyspace: MemoryKeyspace) {
    this.#ks = keyspace;
  }

  create(session: Session, ttlMs: number): Promise<void> {
    return settle(() => {
      if (!isValidSessionId(session.id)) return;
      const entry: SessionEntry = { session, ttlMs };
      this.#ks.set(sessionKeys('', session.id).session, entry, ttlMs);
    });
  }

  get(id: string): Promise<Session | undefined> {
    return settle(() => this.#entry(id)?.session);
  }

  getAndTouch(id: string, ttlMs?: number): Promise<Session | undefined> {
    return settle(() => (this.#touch(id, ttlMs) ? this.#entry(id)?.session : undefined));
  }

  touch(id: string, ttlMs?: number): Promise<boolean> {
    return settle(() => this.#touch(id, ttlMs));
  }

  delete(id: string): Promise<void> {
    return settle(() => {
      if (!isValidSessionId(id)) return;
      this.#ks.delete(...sessionKeys('', id).touched);
    });
  }

  getLiveState<T>(sessionId: string, renditionKey: string): Promise<T | undefined> {
    return settle(() => this.#liveState<T>(sessionId, renditionKey));
  }

  putLiveState<T>(sessionId: string, renditionKey: string, state: T): Promise<boolean> {
    return settle(() => {
      const text = flat(encodeLiveState(state));
      if (!isValidSessionId(sessionId)) return false;
      const keys = sessionKeys('', sessionId);
      const left = this.#ks.remainingMs(keys.session);
      if (left === undefined) return false;
      const hash = this.#ks.get<MemoryLiveHash>(keys.live);
      if (hash === undefined) {
        this.#ks.set(keys.live, new Map([[renditionKey, text]]), left);
      } else {
        hash.set(renditionKey, text);
        this.#ks.extend(keys.live, left);
      }
      return true;
    });
  }

  markOnce(sessionId: string, key: string, ttlMs: number): Promise<boolean> {
    return settle(() => {
      if (!isValidSessionId(sessionId)) return false;
      const onceKey = sessionKeys('', sessionId).once;
      const marks = this.#ks.get<OnceSet>(onceKey);
      if (marks === undefined) {
        this.#ks.set(onceKey, new Set([key]), ttlMs);
        return true;
      }
      this.#ks.extend(onceKey, ttlMs);
      if (marks.has(key)) return false;
      marks.add(key);
      return true;
    });
  }

  loadForPlaylist<T>(sessionId: string, renditionKey: string, breakIds: readonly string[]): Promise<PlaylistState<T> | undefined> {
    return settle(() => {
      if (!this.#touch(sessionId)) return undefined;
      const entry = this.#entry(sessionId);
      if (entry === undefined) return undefined;
      const keys = sessionKeys('', sessionId);
      const stored = this.#ks.get<MemoryDecisionHash>(keys.decisions);
      const decisions = new Map<string, Pod>();
      const text = this.#ks.get<MemoryLiveHash>(keys.live)?.get(renditionKey);
      let version = text ?? '';
      for (const breakId of breakIds) {
        const record = stored?.get(breakId);
        if (record === undefined) continue;
        decisions.set(breakId, record.pod);
        version += decisionStamp(breakId, record);
      }
      // Decoded on first read only: a refresh that reuses its last answer never needs it.
      return {
        session: entry.session, decisions, version,
        get liveState(): T | undefined {
          return text === undefined ? undefined : decodeLiveState<T>(text);
        },
      };
    });
  }

  /** Stops the shared keyspace's sweeper (idempotent; the data stays readable). */
  close(): Promise<void> {
    return settle(() => this.#ks.close());
  }

  #entry(id: string): SessionEntry | undefined {
    if (!isValidSessionId(id)) return undefined;
    return this.#ks.get<SessionEntry>(sessionKeys('', id).session);
  }

  #touch(id: string, ttlMs?: number): boolean {
    const entry = this.#entry(id);
    if (entry === undefined) return false;
    const ttl = ttlMs ?? entry.ttlMs;
    const [session, ...others] = sessionKeys('', id).touched;
    this.#ks.expire(session, ttl);
    for (const k of others) this.#ks.extend(k, ttl);
    return true;
  }

  #liveState<T>(sessionId: string, renditionKey: string): T | undefined {
    if (!isValidSessionId(sessionId)) return undefined;
    const text = this.#ks.get<MemoryLiveHash>(sessionKeys('', sessionId).live)?.get(renditionKey);
    return text === undefined ? undefined : decodeLiveState<T>(text);
  }

  markOnceMany(sessionId: string, keys: readonly string[], ttlMs: number): Promise<boolean[]> {
    return settle(() => {
      if (!isValidSessionId(sessionId)) return keys.map(() => false);
      if (keys.length === 0) return [];
      const onceKey = sessionKeys('', sessionId).once;
      let marks = this.#ks.get<OnceSet>(onceKey);
      if (marks === undefined) {
        marks = new Set();
        this.#ks.set(onceKey, marks, ttlMs);
      } else {
        this.#ks.extend(onceKey, ttlMs);
      }
      const set = marks;
      return keys.map((key) => !set.has(key) && set.add(key) !== undefined);
    });
  }
}
