/**
 * DecisionStore in process memory. Single flight is a map of in-progress promises: the
 * first caller's `decide` is shared by everyone who asks before it settles.
 */
import type { Pod } from '../../../manifests/index.js';
import { settle, type MemoryKeyspace } from '../../sessions/memory-keyspace.js';
import type { MemoryDecisionHash } from '../../sessions/memory-session-store.js';
import { isValidSessionId } from '../../sessions/state-keys.js';
import { malformedSessionId as malformed, type DecisionStore } from './decision-store.js';
import { PodPool } from './pod-pool.js';

export class MemoryDecisionStore implements DecisionStore {
  readonly #ks: MemoryKeyspace;
  readonly #inFlight = new Map<string, Promise<Pod>>();
  readonly #pods = new PodPool();

  /** Pass the keyspace shared with MemorySessionStore. */
  constructor(keyspace: MemoryKeyspace) {
    this.#ks = keyspace;
  }

  getOrCreate(sessionId: string, breakId: string, decide: () => Promise<Pod>, ttlMs: number): Promise<Pod> {
    if (!isValidSessionId(sessionId)) return Promise.reject(malformed(sessionId));
    const stored = this.#hash(sessionId)?.get(breakId);
    if (stored !== undefined) return Promise.resolve(stored.pod);
    const flightKey = `${sessionId}\n${breakId}`;
    const pending = this.#inFlight.get(flightKey);
    if (pending !== undefined) return pending;
    const flight = this.#decideAndStore(sessionId, breakId, decide, ttlMs).finally(() => this.#inFlight.delete(flightKey));
    this.#inFlight.set(flightKey, flight);
    return flight;
  }

  get(sessionId: string, breakId: string): Promise<Pod | undefined> {
    return settle(() => this.#hash(sessionId)?.get(breakId)?.pod);
  }

  list(sessionId: string): Promise<readonly Pod[]> {
    return settle(() => {
      const records = [...(this.#hash(sessionId)?.values() ?? [])];
      // Map order is insertion order already; the sort states the contract explicitly.
      return records.sort((a, b) => a.decidedAtMs - b.decidedAtMs).map((r) => r.pod);
    });
  }

  /** Stops the shared keyspace's sweeper (idempotent). */
  close(): Promise<void> {
    return settle(() => this.#ks.close());
  }

  async #decideAndStore(sessionId: string, breakId: string, decide: () => Promise<Pod>, ttlMs: number): Promise<Pod> {
    const pod = await decide();
    let hash = this.#ks.get<MemoryDecisionHash>(sessionId, 'decisions');
    if (hash === undefined) {
      hash = new Map();
      this.#ks.set(sessionId, 'decisions', hash, ttlMs);
    } else {
      this.#ks.extend(sessionId, 'decisions', ttlMs);
    }
    const existing = hash.get(breakId);
    if (existing !== undefined) return existing.pod;
    const shared = this.#pods.intern(pod);
    hash.set(breakId, { pod: shared, decidedAtMs: this.#ks.clock.nowMs() });
    return shared;
  }

  #hash(sessionId: string): MemoryDecisionHash | undefined {
    if (!isValidSessionId(sessionId)) return undefined;
    return this.#ks.get<MemoryDecisionHash>(sessionId, 'decisions');
  }
}
