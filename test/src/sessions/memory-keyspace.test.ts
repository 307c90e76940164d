import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryKeyspace } from '../../../src/sessions/memory-keyspace.js';
import { MemorySessionStore } from '../../../src/sessions/memory-session-store.js';
import { sampleSession } from '../../contract/session-store.contract.js';
import { ManualClock } from './state-fixtures.js';

describe('MemoryKeyspace', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('drops an expired key when it is read', () => {
    const clock = new ManualClock();
    const ks = new MemoryKeyspace({ clock, sweepIntervalMs: 0 });
    ks.set('a', 'session', 1, 100);
    expect(ks.get('a', 'session')).toBe(1);
    void clock.advance(100);
    expect(ks.size).toBe(1);
    expect(ks.get('a', 'session')).toBeUndefined();
    expect(ks.size).toBe(0);
  });

  it('extend never shortens; expire sets exactly', () => {
    const clock = new ManualClock();
    const ks = new MemoryKeyspace({ clock, sweepIntervalMs: 0 });
    ks.set('a', 'live', 1, 1000);
    expect(ks.extend('a', 'live', 10)).toBe(true);
    expect(ks.remainingMs('a', 'live')).toBe(1000);
    expect(ks.expire('a', 'live', 10)).toBe(true);
    expect(ks.remainingMs('a', 'live')).toBe(10);
    expect(ks.extend('a', 'once', 10)).toBe(false);
    expect(ks.extend('missing', 'live', 10)).toBe(false);
    expect(ks.expire('missing', 'live', 10)).toBe(false);
  });

  it('touch sets the session key exactly and only extends the others', () => {
    const clock = new ManualClock();
    const ks = new MemoryKeyspace({ clock, sweepIntervalMs: 0 });
    const ttlOf = (v: { ttl: number }) => v.ttl;
    expect(ks.touch('s', ttlOf)).toBeUndefined();
    ks.set('s', 'live', 'x', 5000);
    expect(ks.touch('s', ttlOf)).toBeUndefined();
    expect(ks.remainingMs('s', 'live')).toBe(5000);
    ks.set('s', 'session', { ttl: 1000 }, 100);
    ks.set('s', 'once', 'y', 10);
    expect(ks.touch('s', ttlOf)).toEqual({ ttl: 1000 });
    expect(ks.remainingMs('s', 'session')).toBe(1000);
    expect(ks.remainingMs('s', 'live')).toBe(5000);
    expect(ks.remainingMs('s', 'once')).toBe(1000);
    expect(ks.touch('s', ttlOf, 200)).toEqual({ ttl: 1000 });
    expect(ks.remainingMs('s', 'session')).toBe(200);
    expect(ks.remainingMs('s', 'once')).toBe(1000);
  });

  it('stays bounded: a sweep removes every expired session and keeps live ones', async () => {
    const clock = new ManualClock();
    const ks = new MemoryKeyspace({ clock, sweepIntervalMs: 0 });
    const store = new MemorySessionStore(ks);
    for (let i = 0; i < 1000; i++) {
      const s = sampleSession();
      await store.create(s, 1000);
      await store.putLiveState(s.id, 'v0', { i });
      await store.markOnce(s.id, 'imp', 1000);
    }
    const keeper = sampleSession();
    await store.create(keeper, 5000);
    expect(ks.size).toBe(3001);
    await clock.advance(1000);
    expect(ks.sweep()).toBe(3000);
    expect(ks.size).toBe(1);
    expect(await store.get(keeper.id)).toEqual(keeper);
  });

  it('sweeps periodically on an unref\'d timer until closed', () => {
    vi.useFakeTimers();
    const clock = new ManualClock();
    const ks = new MemoryKeyspace({ clock, sweepIntervalMs: 1000 });
    ks.set('a', 'session', 1, 500);
    ks.set('b', 'session', 1, 5000);
    void clock.advance(600);
    vi.advanceTimersByTime(1000);
    expect(ks.size).toBe(1);
    ks.close();
    void clock.advance(10_000);
    vi.advanceTimersByTime(5000);
    expect(ks.size).toBe(1); // no sweep after close: 'b' is expired but still held
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive', () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const ks = new MemoryKeyspace({ clock: new ManualClock(), sweepIntervalMs: 1000 });
    const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    ks.close();
  });
});
