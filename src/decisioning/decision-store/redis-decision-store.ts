/**
 * DecisionStore in Redis: single flight across service instances.
 *
 * Decisions are fields `d:<break>` of the session's hash (state-keys.ts), packed like every
 * value there (stored-values.ts) and split into chunk fields `d1:<break>` … of at most 63 B
 * (stored-chunks.ts) so the hash stays a listpack. The first caller claims the break with
 * SET NX PX on `s:{id}:lock:<break>` (a pending marker holding a random token), decides,
 * and commits only if the decision's field is still missing, so even a decider
 * whose marker expired mid-decision cannot replace a pod someone else stored: every caller
 * ends up with the first pod written. Callers that lose the claim poll (claim script: read
 * the pod or take over an expired marker) until `maxWaitMs`. If the winner dies, its
 * marker expires after `lockTtlMs` and the next poll decides. Callers in one process share
 * one flight, so 50 concurrent requests cost one claim, not 50 polling loops.
 */
import { randomUUID } from 'node:crypto';
import type { Pod } from '../../../manifests/index.js';
import { systemClock, type Clock } from '../../sessions/clock.js';
import { guard, wholeMs, type StateRedis } from '../../sessions/redis-client.js';
import { installStateScripts, runScript } from '../../sessions/redis-scripts.js';
import { decisionWaitTimeout, storeCorrupt } from '../../sessions/store-errors.js';
import { DECISION_FIELD_PREFIX, decisionField, isValidSessionId, sessionKeys, type SessionKeys } from '../../sessions/state-keys.js';
import { chunkArgs, chunkFields, joinChunks } from '../../sessions/stored-chunks.js';
import { packDecision, readDecision } from '../../sessions/stored-values.js';
import { malformedSessionId as malformed, type DecisionStore } from './decision-store.js';

export interface RedisDecisionStoreOptions {
  /** Key prefix; must match the RedisSessionStore's so that touch and loadForPlaylist see decisions. */
  readonly prefix?: string;
  readonly clock?: Clock;
  /** Life of a pending marker: the ad source deadline plus a margin. Default 5000 ms. */
  readonly lockTtlMs?: number;
  /** How long a losing caller waits for the winner's pod. Default 2 × lockTtlMs + 500 ms (covers one dead winner). */
  readonly maxWaitMs?: number;
  /** Default 25 ms. */
  readonly pollIntervalMs?: number;
}

const DECIDED = 1;
const CLAIMED = 2;

export class RedisDecisionStore implements DecisionStore {
  readonly #redis: StateRedis;
  readonly #prefix: string;
  readonly #clock: Clock;
  readonly #lockTtlMs: number;
  readonly #maxWaitMs: number;
  readonly #pollIntervalMs: number;
  readonly #inFlight = new Map<string, Promise<Pod>>();

  constructor(redis: StateRedis, options: RedisDecisionStoreOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? '';
    this.#clock = options.clock ?? systemClock;
    this.#lockTtlMs = wholeMs(options.lockTtlMs ?? 5000);
    this.#maxWaitMs = options.maxWaitMs ?? 2 * this.#lockTtlMs + 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 25;
    installStateScripts(redis);
  }

  getOrCreate(sessionId: string, breakId: string, decide: () => Promise<Pod>, ttlMs: number): Promise<Pod> {
    if (!isValidSessionId(sessionId)) return Promise.reject(malformed(sessionId));
    const flightKey = `${sessionId}\n${breakId}`;
    const pending = this.#inFlight.get(flightKey);
    if (pending !== undefined) return pending;
    const flight = this.#resolve(sessionId, breakId, decide, ttlMs).finally(() => this.#inFlight.delete(flightKey));
    this.#inFlight.set(flightKey, flight);
    return flight;
  }

  async get(sessionId: string, breakId: string): Promise<Pod | undefined> {
    if (!isValidSessionId(sessionId)) return undefined;
    const bytes = joinChunks(await guard('decision get', () => this.#redis.hmgetBuffer(this.#keys(sessionId).state, ...chunkFields(decisionField(breakId)))));
    return bytes === undefined ? undefined : readDecision(sessionId, breakId, bytes).pod;
  }

  async list(sessionId: string): Promise<readonly Pod[]> {
    if (!isValidSessionId(sessionId)) return [];
    // The hash is one session's: a handful of fields, decisions among them (chunk fields
    // `d1:` … are not `d:` fields, and join their decision's first piece).
    const all = new Map(Object.entries(await guard('decision list', () => this.#redis.hgetallBuffer(this.#keys(sessionId).state))));
    return [...all.keys()]
      .filter((field) => field.startsWith(DECISION_FIELD_PREFIX))
      .map((field) => readDecision(sessionId, field.slice(DECISION_FIELD_PREFIX.length), joinChunks(chunkFields(field).map((f) => all.get(f))) ?? Buffer.alloc(0)))
      .sort((a, b) => a.decidedAtMs - b.decidedAtMs || a.pod.breakId.localeCompare(b.pod.breakId))
      .map((r) => r.pod);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  async #resolve(sessionId: string, breakId: string, decide: () => Promise<Pod>, ttlMs: number): Promise<Pod> {
    const k = this.#keys(sessionId);
    const token = randomUUID();
    const giveUpAtMs = this.#clock.nowMs() + this.#maxWaitMs;
    for (;;) {
      const [state, stored] = await this.#claim(k, breakId, token);
      if (state === DECIDED) return readDecision(sessionId, breakId, stored).pod;
      if (state === CLAIMED) return this.#decideAndCommit(sessionId, breakId, token, decide, ttlMs);
      if (this.#clock.nowMs() >= giveUpAtMs) {
        throw decisionWaitTimeout(breakId, this.#maxWaitMs);
      }
      await sleep(this.#pollIntervalMs);
    }
  }

  async #claim(k: SessionKeys, breakId: string, token: string): Promise<[number, Buffer]> {
    const reply = await guard('decision claim', () =>
      runScript(this.#redis, 'interludeDecisionClaim', [k.state, k.lock(breakId)], [token, this.#lockTtlMs, ...chunkFields(decisionField(breakId))], 'bytes'));
    if (!Array.isArray(reply) || typeof reply[0] !== 'number') {
      throw storeCorrupt('decisions', k.lock(breakId));
    }
    const stored: unknown = reply[1];
    return [reply[0], Buffer.isBuffer(stored) ? stored : Buffer.alloc(0)];
  }

  async #decideAndCommit(sessionId: string, breakId: string, token: string, decide: () => Promise<Pod>, ttlMs: number): Promise<Pod> {
    const k = this.#keys(sessionId);
    const lockKey = k.lock(breakId);
    let pod: Pod;
    try {
      pod = await decide();
    } catch (error) {
      // Free the break at once rather than making others wait out the marker.
      await guard('decision release', () => runScript(this.#redis, 'interludeDecisionRelease', [lockKey], [token])).catch(() => undefined);
      throw error;
    }
    const record = packDecision({ pod, decidedAtMs: this.#clock.nowMs() });
    const stored = await guard('decision commit', () =>
      runScript(this.#redis, 'interludeDecisionCommit', [k.state, lockKey], [wholeMs(ttlMs), token, ...chunkArgs(decisionField(breakId), record)], 'bytes'));
    if (!Buffer.isBuffer(stored)) throw storeCorrupt('decisions', sessionKeys('', sessionId).state);
    return readDecision(sessionId, breakId, stored).pod;
  }

  #keys(sessionId: string): SessionKeys {
    return sessionKeys(this.#prefix, sessionId);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
