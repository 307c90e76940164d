// The one conformance suite of DecisionStore (STYLE §12), run once per implementation:
// test/src/decisioning/decision-store/decision-store.{memory,redis}.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pod } from '../../manifests/index.js';
import { samplePod, sampleSession, type StateFixture } from './session-store.contract.js';

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function decisionStoreContract(name: string, makeFixture: () => Promise<StateFixture>): void {
  describe(`DecisionStore contract: ${name}`, () => {
    let f: StateFixture;
    let ttl: number;
    beforeEach(async () => {
      f = await makeFixture();
      ttl = 3 * f.unitMs;
    });
    afterEach(async () => f.close());

    it('decides once and serves the stored pod afterwards', async () => {
      const id = randomUUID();
      const decide = vi.fn(() => Promise.resolve(samplePod('b1')));
      expect(await f.decisions.getOrCreate(id, 'b1', decide, ttl)).toEqual(samplePod('b1'));
      const other = vi.fn(() => Promise.resolve(samplePod('b1', 'other')));
      expect(await f.decisions.getOrCreate(id, 'b1', other, ttl)).toEqual(samplePod('b1'));
      expect(decide).toHaveBeenCalledTimes(1);
      expect(other).not.toHaveBeenCalled();
      expect(await f.decisions.get(id, 'b1')).toEqual(samplePod('b1'));
    });

    it('runs decide once for 50 concurrent callers, who all see the same pod', async () => {
      const id = randomUUID();
      let calls = 0;
      const decide = async (): Promise<Pod> => {
        calls++;
        await delay(30);
        return samplePod('b1', `call-${calls}`);
      };
      const pods = await Promise.all(Array.from({ length: 50 }, () => f.decisions.getOrCreate(id, 'b1', decide, ttl)));
      expect(calls).toBe(1);
      for (const p of pods) expect(p).toEqual(samplePod('b1', 'call-1'));
    });

    it('decides each (session, break) separately', async () => {
      const a = randomUUID();
      const b = randomUUID();
      await f.decisions.getOrCreate(a, 'b1', () => Promise.resolve(samplePod('b1', 'a1')), ttl);
      await f.decisions.getOrCreate(a, 'b2', () => Promise.resolve(samplePod('b2', 'a2')), ttl);
      await f.decisions.getOrCreate(b, 'b1', () => Promise.resolve(samplePod('b1', 'b1')), ttl);
      expect(await f.decisions.get(a, 'b1')).toEqual(samplePod('b1', 'a1'));
      expect(await f.decisions.get(a, 'b2')).toEqual(samplePod('b2', 'a2'));
      expect(await f.decisions.get(b, 'b1')).toEqual(samplePod('b1', 'b1'));
      expect(await f.decisions.get(b, 'b2')).toBeUndefined();
    });

    it('lists a session\'s pods in decision order', async () => {
      const id = randomUUID();
      for (const breakId of ['z-first', 'm-second', 'a-third']) {
        await f.decisions.getOrCreate(id, breakId, () => Promise.resolve(samplePod(breakId)), ttl);
        await f.clock.advance(5);
      }
      expect((await f.decisions.list(id)).map((p) => p.breakId)).toEqual(['z-first', 'm-second', 'a-third']);
      expect(await f.decisions.list(randomUUID())).toEqual([]);
    });

    it('stores nothing when decide rejects, and a later caller decides', async () => {
      const id = randomUUID();
      const failure = Object.assign(new TypeError('source bug'), { code: 'X' });
      const sharers = Array.from({ length: 5 }, () =>
        f.decisions.getOrCreate(id, 'b1', async () => { await delay(10); throw failure; }, ttl));
      for (const s of sharers) await expect(s).rejects.toBe(failure);
      expect(await f.decisions.get(id, 'b1')).toBeUndefined();
      expect(await f.decisions.getOrCreate(id, 'b1', () => Promise.resolve(samplePod('b1', 'retry')), ttl)).toEqual(samplePod('b1', 'retry'));
    });

    it('forgets decisions after their TTL when the session is not touched', async () => {
      const id = randomUUID();
      await f.decisions.getOrCreate(id, 'b1', () => Promise.resolve(samplePod('b1')), ttl);
      await f.clock.advance(2 * f.unitMs);
      expect(await f.decisions.get(id, 'b1')).toBeDefined();
      await f.clock.advance(2 * f.unitMs);
      expect(await f.decisions.get(id, 'b1')).toBeUndefined();
      expect(await f.decisions.list(id)).toEqual([]);
    });

    it('keeps decisions as long as their session is touched', async () => {
      const s = sampleSession();
      await f.sessions.create(s, ttl);
      await f.decisions.getOrCreate(s.id, 'b1', () => Promise.resolve(samplePod('b1')), ttl);
      for (let i = 0; i < 3; i++) {
        await f.clock.advance(2 * f.unitMs);
        expect(await f.sessions.touch(s.id)).toBe(true);
      }
      expect(await f.decisions.get(s.id, 'b1')).toEqual(samplePod('b1'));
    });

    it('rejects a malformed session id with SESSION_NOT_FOUND and reads nothing for it', async () => {
      const decide = vi.fn(() => Promise.resolve(samplePod('b1')));
      await expect(f.decisions.getOrCreate('bad id}', 'b1', decide, ttl)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
      expect(decide).not.toHaveBeenCalled();
      expect(await f.decisions.get('bad id}', 'b1')).toBeUndefined();
      expect(await f.decisions.list('bad id}')).toEqual([]);
    });
  });
}
