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
import { isValidSessionId } from './state-keys.js';

interface SessionEntry {
  readonly session: Session;
  readonly ttlMs: number;
}

/** Value types kept under each key kind (see memory-keyspace.ts). */
export type MemoryLiveHash = Map<string, string>;
export type MemoryDecisionHash = Map<string, DecisionRecord>;
type OnceSet = Set<string>;

const ttlOf = (entry: SessionEntry): number => entry.ttlMs;

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
      this.#ks.set(session.id, 'session', entry, ttlMs);
    });
  }

  get(id: string): Promise<Session | undefined> {
    return settle(() => this.#entry(id)?.session);
  }

  getAndTouch(id: string, ttlMs?: number): Promise<Session | undefined> {
    return settle(() => this.#touch(id, ttlMs)?.session);
  }

  touch(id: string, ttlMs?: number): Promise<boolean> {
    return settle(() => this.#touch(id, ttlMs) !== undefined);
  }

  delete(id: string): Promise<void> {
    return settle(() => {
      if (isValidSessionId(id)) this.#ks.deleteSession(id);
    });
  }

  getLiveState<T>(sessionId: string, renditionKey: string): Promise<T | undefined> {
    return settle(() => {
      const text = this.#liveText(sessionId, renditionKey);
      return text === undefined ? undefined : decodeLiveState<T>(text);
    });
  }

  putLiveState<T>(sessionId: string, renditionKey: string, state: T): Promise<boolean> {
    return settle(() => {
      const text = flat(encodeLiveState(state));
      if (!isValidSessionId(sessionId)) return false;
      const left = this.#ks.remainingMs(sessionId, 'session');
      if (left === undefined) return false;
      const hash = this.#ks.get<MemoryLiveHash>(sessionId, 'live');
      if (hash === undefined) {
        this.#ks.set(sessionId, 'live', new Map([[renditionKey, text]]), left);
      } else {
        hash.set(renditionKey, text);
        this.#ks.extend(sessionId, 'live', left);
      }
      return true;
    });
  }

  markOnce(sessionId: string, key: string, ttlMs: number): Promise<boolean> {
    return settle(() => this.#mark(sessionId, [key], ttlMs)[0] ?? false);
  }

  markOnceMany(sessionId: string, keys: readonly string[], ttlMs: number): Promise<boolean[]> {
    return settle(() => this.#mark(sessionId, keys, ttlMs));
  }

  loadForPlaylist<T>(sessionId: string, renditionKey: string, breakIds: readonly string[]): Promise<PlaylistState<T> | undefined> {
    return settle(() => {
      const entry = this.#touch(sessionId);
      if (entry === undefined) return undefined;
      const stored = this.#ks.get<MemoryDecisionHash>(sessionId, 'decisions');
      const decisions = new Map<string, Pod>();
      const text = this.#ks.get<MemoryLiveHash>(sessionId, 'live')?.get(renditionKey);
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
    return isValidSessionId(id) ? this.#ks.get<SessionEntry>(id, 'session') : undefined;
  }

  #touch(id: string, ttlMs?: number): SessionEntry | undefined {
    return isValidSessionId(id) ? this.#ks.touch(id, ttlOf, ttlMs) : undefined;
  }

  #liveText(sessionId: string, renditionKey: string): string | undefined {
    if (!isValidSessionId(sessionId)) return undefined;
    return this.#ks.get<MemoryLiveHash>(sessionId, 'live')?.get(renditionKey);
  }

  /** Set-if-absent for each key, in order; the marks live at least `ttlMs`. */
  #mark(sessionId: string, keys: readonly string[], ttlMs: number): boolean[] {
    if (!isValidSessionId(sessionId)) return keys.map(() => false);
    if (keys.length === 0) return [];
    let marks = this.#ks.get<OnceSet>(sessionId, 'once');
    if (marks === undefined) {
      marks = new Set();
      this.#ks.set(sessionId, 'once', marks, ttlMs);
    } else {
      this.#ks.extend(sessionId, 'once', ttlMs);
    }
    const set = marks;
    return keys.map((key) => {
      if (set.has(key)) return false;
      set.add(key);
      return true;
    });
  }
}
