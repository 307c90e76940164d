/**
 * SessionStore in Redis, shared by every service instance. Key layout: state-keys.ts.
 * A session is one string, `<idle ttl ms>|<compact JSON>`: the touch script reads the TTL
 * without decoding JSON, and a plain string stays far smaller than a hash would (a hash
 * field over 64 bytes, like a user agent, turns the hash into a full hashtable: 584 B vs
 * 424 B for a typical session, measured with MEMORY USAGE). Every key has a TTL and touch
 * refreshes them all.
 */
import type { Pod } from '../../manifests/index.js';
import { execPipeline, guard, wholeMs, type StateRedis } from './redis-client.js';
import { storeCorrupt } from './store-errors.js';
import { installStateScripts, queueScript, runScript } from './redis-scripts.js';
import type { Session } from './session.js';
import type { PlaylistState, SessionStore } from './session-store.js';
import { decodeDecision, decodeLiveState, decodeSession, encodeLiveState, encodeSession } from './state-codec.js';
import { isValidSessionId, sessionKeys, type SessionKeys } from './state-keys.js';

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
    const k = this.#keys(session.id);
    const ttl = wholeMs(ttlMs);
    const value = `${ttl}|${encodeSession(session)}`;
    await guard('session create', () => this.#redis.set(k.session, value, 'PX', ttl));
  }

  async get(id: string): Promise<Session | undefined> {
    if (!isValidSessionId(id)) return undefined;
    const stored = await guard('session get', () => this.#redis.get(this.#keys(id).session));
    return stored === null ? undefined : decodeStored(id, stored);
  }

  async getAndTouch(id: string, ttlMs?: number): Promise<Session | undefined> {
    if (!isValidSessionId(id)) return undefined;
    const k = this.#keys(id);
    const p = this.#redis.pipeline();
    queueScript(p, 'interludeStateTouch', k.touched, [ttlMs === undefined ? '' : wholeMs(ttlMs)]);
    p.get(k.session);
    const [, stored] = await execPipeline('session get', p);
    return typeof stored === 'string' ? decodeStored(id, stored) : undefined;
  }

  async touch(id: string, ttlMs?: number): Promise<boolean> {
    if (!isValidSessionId(id)) return false;
    const reply = await guard('session touch', () => runScript(this.#redis, 'interludeStateTouch', this.#keys(id).touched, [ttlMs === undefined ? '' : wholeMs(ttlMs)]));
    return reply === 1;
  }

  async delete(id: string): Promise<void> {
    if (!isValidSessionId(id)) return;
    await guard('session delete', () => this.#redis.del(...this.#keys(id).touched));
  }

  async getLiveState<T>(sessionId: string, renditionKey: string): Promise<T | undefined> {
    if (!isValidSessionId(sessionId)) return undefined;
    const text = await guard('live state get', () => this.#redis.hget(this.#keys(sessionId).live, renditionKey));
    return text === null ? undefined : decodeLiveState<T>(text, sessionKeys('', sessionId).live);
  }

  async putLiveState<T>(sessionId: string, renditionKey: string, state: T): Promise<boolean> {
    const text = encodeLiveState(state);
    if (!isValidSessionId(sessionId)) return false;
    const k = this.#keys(sessionId);
    const reply = await guard('live state put', () => runScript(this.#redis, 'interludeStatePutLive', [k.session, k.live], [renditionKey, text]));
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
    // One pipeline, one round-trip: touch first so the reads see a live session.
    const p = this.#redis.pipeline();
    queueScript(p, 'interludeStateTouch', k.touched, ['']);
    p.get(k.session);
    p.hget(k.live, renditionKey);
    if (breakIds.length > 0) p.hmget(k.decisions, ...breakIds);
    const [touched, sessionText, liveText, podTexts] = await execPipeline('playlist load', p);
    if (touched !== 1 || typeof sessionText !== 'string') return undefined;
    const decisions = new Map<string, Pod>();
    if (Array.isArray(podTexts)) {
      breakIds.forEach((breakId, i) => {
        const text: unknown = podTexts[i];
        if (typeof text === 'string') decisions.set(breakId, decodeDecision(text, sessionKeys('', sessionId).decisions).pod);
      });
    }
    return {
      session: decodeStored(sessionId, sessionText),
      liveState: typeof liveText === 'string' ? decodeLiveState<T>(liveText, sessionKeys('', sessionId).live) : undefined,
      decisions,
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #keys(id: string): SessionKeys {
    return sessionKeys(this.#prefix, id);
  }
}

/** Splits `<ttl>|<json>`; a value without the TTL is corrupt. */
function decodeStored(id: string, stored: string): Session {
  const bar = stored.indexOf('|');
  if (bar < 1) throw storeCorrupt('sessions', `s:{${id}}`);
  return decodeSession(id, stored.slice(bar + 1));
}
