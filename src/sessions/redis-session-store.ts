/**
 * SessionStore in Redis, shared by every service instance. Key layout: state-keys.ts.
 * A session is one hash with an idle TTL: field 's' holds `<idle ttl ms>|<packed compact
 * JSON>` (the touch script reads the TTL without unpacking), the live states and decisions
 * sit beside it, all packed (packed-json.ts), so a live session costs one key instead of
 * three and about a third of the bytes. Every value is split into chunks of at most 63 B
 * (stored-chunks.ts) so that the hash stays a listpack on a Redis with default settings.
 * Touch refreshes the hash and the once set.
 */
import type { Pod } from '../../manifests/index.js';
import { execInTurn, execPipeline, guard, wholeMs, type StateRedis } from './redis-client.js';
import { installStateScripts, queueScript, runScript } from './redis-scripts.js';
import type { Session } from './session.js';
import type { PlaylistState, SessionStore } from './session-store.js';
import { decisionStamp } from './state-codec.js';
import { decisionField, isValidSessionId, liveField, SESSION_FIELD, sessionKeys, type SessionKeys } from './state-keys.js';
import { chunkArgs, chunkFields, joinChunks } from './stored-chunks.js';
import { packLiveState, readDecision, readLiveState, readSession, sessionValue } from './stored-values.js';

export interface RedisStoreOptions {
  /** Prepended to every key (e.g. `interlude:`); tests use their own. Default ''. */
  readonly prefix?: string;
}

export class RedisSessionStore implements SessionStore {
  readonly #redis: StateRedis;
  readonly #prefix: string;

  /** The client is injected and owned by the caller; close() leaves it open. */
  constructor(redis: StateRedis, options: RedisStoreOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? '';
    installStateScripts(redis);
  }

  async create(session: Session, ttlMs: number): Promise<void> {
    if (!isValidSessionId(session.id)) return;
    const ttl = wholeMs(ttlMs);
    const value = sessionValue(session, ttl);
    await guard('session create', () => runScript(this.#redis, 'interludeStateCreate', [this.#keys(session.id).state], [ttl, ...chunkArgs(SESSION_FIELD, value)]));
  }

  async get(id: string): Promise<Session | undefined> {
    if (!isValidSessionId(id)) return undefined;
    const stored = joinChunks(await guard('session get', () => this.#redis.hmgetBuffer(this.#keys(id).state, ...chunkFields(SESSION_FIELD))));
    return stored === undefined ? undefined : readSession(id, stored);
  }

  async getAndTouch(id: string, ttlMs?: number): Promise<Session | undefined> {
    if (!isValidSessionId(id)) return undefined;
    const k = this.#keys(id);
    const p = this.#redis.pipeline();
    queueScript(p, 'interludeStateTouch', k.stateTouched, [ttlMs === undefined ? '' : wholeMs(ttlMs)]);
    p.hmgetBuffer(k.state, ...chunkFields(SESSION_FIELD));
    const [, replies] = await execPipeline('session get', p);
    const stored = Array.isArray(replies) ? joinChunks(replies) : undefined;
    return stored === undefined ? undefined : readSession(id, stored);
  }

  async touch(id: string, ttlMs?: number): Promise<boolean> {
    if (!isValidSessionId(id)) return false;
    const reply = await guard('session touch', () => runScript(this.#redis, 'interludeStateTouch', this.#keys(id).stateTouched, [ttlMs === undefined ? '' : wholeMs(ttlMs)]));
    return reply === 1;
  }

  async delete(id: string): Promise<void> {
    if (!isValidSessionId(id)) return;
    await guard('session delete', () => this.#redis.del(...this.#keys(id).stateTouched));
  }

  async getLiveState<T>(sessionId: string, renditionKey: string): Promise<T | undefined> {
    if (!isValidSessionId(sessionId)) return undefined;
    const bytes = joinChunks(await guard('live state get', () => this.#redis.hmgetBuffer(this.#keys(sessionId).state, ...chunkFields(liveField(renditionKey)))));
    return bytes === undefined ? undefined : readLiveState<T>(sessionId, bytes);
  }

  async putLiveState<T>(sessionId: string, renditionKey: string, state: T): Promise<boolean> {
    const value = packLiveState(state);
    if (!isValidSessionId(sessionId)) return false;
    const k = this.#keys(sessionId);
    const reply = await guard('live state put', () => runScript(this.#redis, 'interludeStatePutLive', [k.state], chunkArgs(liveField(renditionKey), value)));
    return reply === 1;
  }

  async markOnce(sessionId: string, key: string, ttlMs: number): Promise<boolean> {
    if (!isValidSessionId(sessionId)) return false;
    const reply = await guard('mark once', () => runScript(this.#redis, 'interludeStateMarkOnce', [this.#keys(sessionId).once], [key, wholeMs(ttlMs)]));
    return reply === 1;
  }

  async loadForPlaylist<T>(sessionId: string, renditionKey: string, breakIds: readonly string[]): Promise<PlaylistState<T> | undefined> {
    if (!isValidSessionId(sessionId)) return undefined;
    const k = this.#keys(sessionId);
    // One script on the round trip shared with the other requests of this turn: the touch
    // first, so the read sees a live session; each value's chunks come back joined, a missing
    // value as nil.
    const fields = [SESSION_FIELD, liveField(renditionKey), ...breakIds.map(decisionField)];
    const [reply] = await execInTurn('playlist load', this.#redis, (p) => {
      queueScript(p, 'interludeStateTouchRead', k.stateTouched, ['', ...fields], 'bytes');
    });
    const [touched, ...values] = Array.isArray(reply) ? (reply as unknown[]) : [];
    const [sessionBytes, liveBytes, ...podBytes] = fields.map((_, i) => (Buffer.isBuffer(values[i]) ? values[i] : undefined));
    if (touched !== 1 || sessionBytes === undefined) return undefined;
    const decisions = new Map<string, Pod>();
    // Equal stored bytes exactly when equal state (packing is deterministic); latin1 keeps every
    // byte, and the length in front keeps packed bytes (which may hold \0) apart from the stamps.
    let version = liveBytes === undefined ? '' : `${liveBytes.length}:${liveBytes.toString('latin1')}`;
    breakIds.forEach((breakId, i) => {
      const bytes = podBytes[i];
      if (bytes === undefined) return;
      const record = readDecision(sessionId, breakId, bytes);
      decisions.set(breakId, record.pod);
      version += decisionStamp(breakId, record);
    });
    let live: { value: T | undefined } | undefined;
    return {
      session: readSession(sessionId, sessionBytes),
      // Unpacked on first read only: a refresh that reuses its last answer never needs it.
      get liveState(): T | undefined {
        live ??= { value: liveBytes === undefined ? undefined : readLiveState<T>(sessionId, liveBytes) };
        return live.value;
      },
      decisions,
      version,
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #keys(id: string): SessionKeys {
    return sessionKeys(this.#prefix, id);
  }

  /**
   * Calls made before the next turn of the event loop (the beacons of every segment request
   * answered in that turn) share one pipeline, and one socket write, with every other
   * command of that turn (turn-pipeline.ts).
   */
  async markOnceMany(sessionId: string, keys: readonly string[], ttlMs: number): Promise<boolean[]> {
    if (!isValidSessionId(sessionId)) return keys.map(() => false);
    if (keys.length === 0) return [];
    const once = this.#keys(sessionId).once;
    const [reply] = await execInTurn('mark once many', this.#redis, (p) => queueScript(p, 'interludeStateMarkOnceMany', [once], [wholeMs(ttlMs), ...keys]));
    return keys.map((_, k) => Array.isArray(reply) && reply[k] === 1);
  }
}
