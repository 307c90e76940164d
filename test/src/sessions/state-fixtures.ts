// Factories that run the state contracts against each backend.
import { RedisDecisionStore, type RedisDecisionStoreOptions } from '../../../src/decisioning/decision-store/redis-decision-store.js';
import { MemoryDecisionStore } from '../../../src/decisioning/decision-store/memory-decision-store.js';
import { MemoryKeyspace } from '../../../src/sessions/memory-keyspace.js';
import { MemorySessionStore } from '../../../src/sessions/memory-session-store.js';
import { RedisSessionStore } from '../../../src/sessions/redis-session-store.js';
import { systemClock } from '../../../src/sessions/clock.js';
import type { ClockControl, StateFixture } from '../../contract/session-store.contract.js';
import type { TestRedis } from '../../support/redis.js';

/** A clock that moves only when told to. */
export class ManualClock implements ClockControl {
  constructor(private now = 1_700_000_000_000) {}
  nowMs(): number {
    return this.now;
  }
  advance(ms: number): Promise<void> {
    this.now += ms;
    return Promise.resolve();
  }
}

export function memoryFixture(): Promise<StateFixture & { keyspace: MemoryKeyspace }> {
  const clock = new ManualClock();
  const keyspace = new MemoryKeyspace({ clock, sweepIntervalMs: 0 });
  return Promise.resolve({
    keyspace,
    sessions: new MemorySessionStore(keyspace),
    decisions: new MemoryDecisionStore(keyspace),
    clock,
    unitMs: 1000,
    close: () => Promise.resolve(keyspace.close()),
  });
}

const realClock: ClockControl = {
  nowMs: () => systemClock.nowMs(),
  advance: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** Stores on the test's Redis and prefix; real time, so TTL units are short. */
export function redisFixture(redis: TestRedis, decisionOptions: RedisDecisionStoreOptions = {}): Promise<StateFixture> {
  return Promise.resolve({
    sessions: new RedisSessionStore(redis.client, { prefix: redis.prefix }),
    decisions: new RedisDecisionStore(redis.client, { prefix: redis.prefix, lockTtlMs: 1000, pollIntervalMs: 10, ...decisionOptions }),
    clock: realClock,
    unitMs: 200,
    close: () => Promise.resolve(),
  });
}

/** A live splice state (manifests/splice/live-state.ts) `n` segments into a break. */
export function liveState(n: number): unknown {
  const msn = (i: number) => 100_000 + i;
  return {
    version: 1,
    slots: [{ k: 'c:100000', m: msn(0), d: 0 }, ...Array.from({ length: n }, (_, i) => ({ k: `f:seq-100001:${i}`, m: msn(i + 1), d: 1 }))],
    firstMsn: msn(0), lastMsn: msn(n),
    inBreak: Array.from({ length: n }, (_, i) => ({ msn: msn(i + 1), breakId: 'seq-100001', offsetUs: i * 6_000_000 })),
    breaks: [{ id: 'seq-100001', durationUs: 30_000_000, asContent: false, ended: n >= 5 }],
    contentOffset: { msn: 0, disc: 0 }, targetDuration: 6,
  };
}
