// The one conformance suite of SessionStore (STYLE §12), run once per implementation
// through a factory: test/src/sessions/session-store.{memory,redis}.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../manifests/index.js';
import type { DecisionStore } from '../../src/decisioning/decision-store/decision-store.js';
import type { Session } from '../../src/sessions/session.js';
import type { SessionStore } from '../../src/sessions/session-store.js';

/** Moves the stores' time forward: a manual clock for memory, real sleep for Redis. */
export interface ClockControl {
  nowMs(): number;
  advance(ms: number): Promise<void>;
}

/** A session store and a decision store sharing one backend, as the service composes them. */
export interface StateFixture {
  readonly sessions: SessionStore;
  readonly decisions: DecisionStore;
  readonly clock: ClockControl;
  /** Time unit of the TTL tests; idle TTLs are 3 units. Small for Redis (real time). */
  readonly unitMs: number;
  close(): Promise<void>;
}

export function sampleSession(overrides: Partial<Session> = {}): Session {
  return {
    id: randomUUID(),
    channelId: 'demo',
    originPath: 'live/master.m3u8',
    format: 'hls',
    playerParams: { device: 'ctv', 'ü': 'é ☃', empty: '' },
    clientIp: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 TV Safari/537.36',
    reportingMode: 'server',
    createdAtMs: 1_700_000_000_000,
    ...overrides,
  };
}

export function samplePod(breakId: string, label = 'a'): Pod {
  return {
    breakId,
    source: 'demo',
    ads: [{
      id: `${label}-1`, sequence: 1, adId: `ad-${label}`, creativeId: `cr-${label}`, durationUs: 15_000_000,
      hlsUrl: `https://cdn.example/${label}/master.m3u8`,
      tracking: { impression: [`https://t.example/imp?l=${label}`], firstQuartile: [] },
    }],
    filledUs: 15_000_000,
    notes: [],
  };
}

export function sessionStoreContract(name: string, makeFixture: () => Promise<StateFixture>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let f: StateFixture;
    let ttl: number;
    beforeEach(async () => {
      f = await makeFixture();
      ttl = 3 * f.unitMs;
    });
    afterEach(async () => f.close());

    it('stores and reads back every field, with and without a referer', async () => {
      const plain = sampleSession();
      const withReferer = sampleSession({ format: 'dash', referer: 'https://app.example/', reportingMode: 'client', playerParams: {} });
      await f.sessions.create(plain, ttl);
      await f.sessions.create(withReferer, ttl);
      expect(await f.sessions.get(plain.id)).toEqual(plain);
      expect(await f.sessions.get(withReferer.id)).toEqual(withReferer);
      expect('referer' in (await f.sessions.get(plain.id))!).toBe(false);
    });

    it('answers undefined or false for unknown and malformed ids', async () => {
      for (const id of [randomUUID(), '', '../etc', 'a}b{c', 'x'.repeat(200), 'sp ace']) {
        expect(await f.sessions.get(id)).toBeUndefined();
        expect(await f.sessions.getAndTouch(id)).toBeUndefined();
        expect(await f.sessions.touch(id)).toBe(false);
        expect(await f.sessions.loadForPlaylist(id, 'v0', ['b1'])).toBeUndefined();
        expect(await f.sessions.putLiveState(id, 'v0', { n: 1 })).toBe(false);
        await f.sessions.delete(id);
      }
    });

    it('expires an idle session after its TTL', async () => {
      const s = sampleSession();
      await f.sessions.create(s, ttl);
      await f.clock.advance(2 * f.unitMs);
      expect(await f.sessions.get(s.id)).toEqual(s);
      await f.clock.advance(1.5 * f.unitMs);
      expect(await f.sessions.get(s.id)).toBeUndefined();
      expect(await f.sessions.touch(s.id)).toBe(false);
    });

    it('slides the expiry on touch, reusing the TTL given at create', async () => {
      const s = sampleSession();
      await f.sessions.create(s, ttl);
      await f.clock.advance(2 * f.unitMs);
      expect(await f.sessions.touch(s.id)).toBe(true);
      await f.clock.advance(2 * f.unitMs); // 4 units after create, 2 after touch
      expect(await f.sessions.getAndTouch(s.id)).toEqual(s);
      await f.clock.advance(2 * f.unitMs);
      expect(await f.sessions.get(s.id)).toEqual(s);
      await f.clock.advance(2 * f.unitMs); // 4 units idle
      expect(await f.sessions.get(s.id)).toBeUndefined();
    });

    it('takes an explicit TTL on touch', async () => {
      const s = sampleSession();
      await f.sessions.create(s, ttl);
      expect(await f.sessions.touch(s.id, 6 * f.unitMs)).toBe(true);
      await f.clock.advance(4 * f.unitMs);
      expect(await f.sessions.get(s.id)).toEqual(s);
    });

    it('delete removes the session with its live state, decisions and marks', async () => {
      const s = sampleSession();
      await f.sessions.create(s, ttl);
      await f.sessions.putLiveState(s.id, 'v0', { seq: 1 });
      await f.decisions.getOrCreate(s.id, 'b1', () => Promise.resolve(samplePod('b1')), ttl);
      expect(await f.sessions.markOnce(s.id, 'imp:1', ttl)).toBe(true);
      await f.sessions.delete(s.id);
      expect(await f.sessions.get(s.id)).toBeUndefined();
      expect(await f.sessions.getLiveState(s.id, 'v0')).toBeUndefined();
      expect(await f.decisions.get(s.id, 'b1')).toBeUndefined();
      expect(await f.sessions.markOnce(s.id, 'imp:1', ttl)).toBe(true);
    });

    describe('live splice state', () => {
      it('keeps one JSON value per (session, rendition)', async () => {
        const a = sampleSession();
        const b = sampleSession();
        await f.sessions.create(a, ttl);
        await f.sessions.create(b, ttl);
        const state = { lastOriginMediaSequence: 1041, outputMediaSequenceOffset: -3, discontinuitySequence: 7,
          breaks: { 'splice-42': { segmentDelta: 2, discontinuityDelta: 2 } }, dropped: undefined };
        expect(await f.sessions.putLiveState(a.id, 'video/1', state)).toBe(true);
        expect(await f.sessions.putLiveState(a.id, 'audio/en', { n: 2 })).toBe(true);
        const { dropped: _dropped, ...json } = state;
        expect(await f.sessions.getLiveState(a.id, 'video/1')).toEqual(json);
        expect(await f.sessions.getLiveState(a.id, 'audio/en')).toEqual({ n: 2 });
        expect(await f.sessions.getLiveState(a.id, 'video/2')).toBeUndefined();
        expect(await f.sessions.getLiveState(b.id, 'video/1')).toBeUndefined();
        await f.sessions.putLiveState(a.id, 'video/1', { replaced: true });
        expect(await f.sessions.getLiveState(a.id, 'video/1')).toEqual({ replaced: true });
      });

      it('is not stored for a session that does not exist', async () => {
        const id = randomUUID();
        expect(await f.sessions.putLiveState(id, 'v0', { n: 1 })).toBe(false);
        expect(await f.sessions.getLiveState(id, 'v0')).toBeUndefined();
      });

      it('lives and dies with its session', async () => {
        const s = sampleSession();
        await f.sessions.create(s, ttl);
        await f.sessions.putLiveState(s.id, 'v0', { n: 1 });
        await f.clock.advance(2 * f.unitMs);
        await f.sessions.touch(s.id);
        await f.clock.advance(2 * f.unitMs);
        expect(await f.sessions.getLiveState(s.id, 'v0')).toEqual({ n: 1 });
        await f.clock.advance(4 * f.unitMs);
        expect(await f.sessions.getLiveState(s.id, 'v0')).toBeUndefined();
      });

      it('rejects a value JSON cannot carry (a caller bug: INTERNAL)', async () => {
        const s = sampleSession();
        await f.sessions.create(s, ttl);
        await expect(f.sessions.putLiveState(s.id, 'v0', undefined)).rejects.toMatchObject({ code: 'INTERNAL' });
      });
    });

    describe('markOnce', () => {
      it('is true for exactly one of 50 concurrent callers', async () => {
        const s = sampleSession();
        const results = await Promise.all(Array.from({ length: 50 }, () => f.sessions.markOnce(s.id, 'imp:ad-1', ttl)));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await f.sessions.markOnce(s.id, 'imp:ad-1', ttl)).toBe(false);
      });

      it('keeps keys and sessions apart', async () => {
        const a = randomUUID();
        const b = randomUUID();
        expect(await f.sessions.markOnce(a, 'k1', ttl)).toBe(true);
        expect(await f.sessions.markOnce(a, 'k2', ttl)).toBe(true);
        expect(await f.sessions.markOnce(b, 'k1', ttl)).toBe(true);
        expect(await f.sessions.markOnce(a, 'k1', ttl)).toBe(false);
      });

      it('forgets a mark after its TTL when nothing refreshes it', async () => {
        const id = randomUUID();
        expect(await f.sessions.markOnce(id, 'k', ttl)).toBe(true);
        await f.clock.advance(4 * f.unitMs);
        expect(await f.sessions.markOnce(id, 'k', ttl)).toBe(true);
      });
    });

    describe('markOnceMany', () => {
      it('answers per key, in order, and agrees with markOnce', async () => {
        const id = randomUUID();
        expect(await f.sessions.markOnce(id, 'k2', ttl)).toBe(true);
        expect(await f.sessions.markOnceMany(id, ['k1', 'k2', 'k3', 'k1'], ttl)).toEqual([true, false, true, false]);
        expect(await f.sessions.markOnce(id, 'k3', ttl)).toBe(false);
        expect(await f.sessions.markOnceMany(id, ['k1', 'k4'], ttl)).toEqual([false, true]);
        expect(await f.sessions.markOnceMany(randomUUID(), ['k1'], ttl)).toEqual([true]);
        expect(await f.sessions.markOnceMany(id, [], ttl)).toEqual([]);
        expect(await f.sessions.markOnceMany('not a session id', ['k1'], ttl)).toEqual([false]);
      });

      it('gives each key to exactly one of 30 concurrent callers', async () => {
        const id = randomUUID();
        const keys = ['imp', 'start', 'q1'];
        const results = await Promise.all(Array.from({ length: 30 }, (_, i) =>
          i % 2 === 0 ? f.sessions.markOnceMany(id, keys, ttl) : Promise.all(keys.map((k) => f.sessions.markOnce(id, k, ttl)))));
        keys.forEach((_, k) => expect(results.filter((r) => r[k] === true)).toHaveLength(1));
      });

      it('forgets its marks after the TTL when nothing refreshes them', async () => {
        const id = randomUUID();
        expect(await f.sessions.markOnceMany(id, ['a', 'b'], ttl)).toEqual([true, true]);
        await f.clock.advance(4 * f.unitMs);
        expect(await f.sessions.markOnceMany(id, ['a', 'b'], ttl)).toEqual([true, true]);
      });
    });

    describe('loadForPlaylist', () => {
      it('returns the session, the rendition state and the asked decisions', async () => {
        const s = sampleSession();
        await f.sessions.create(s, ttl);
        await f.sessions.putLiveState(s.id, 'v0', { seq: 9 });
        await f.sessions.putLiveState(s.id, 'v1', { seq: 10 });
        for (const b of ['b1', 'b2', 'b3']) {
          await f.decisions.getOrCreate(s.id, b, () => Promise.resolve(samplePod(b, b)), ttl);
        }
        const loaded = await f.sessions.loadForPlaylist<{ seq: number }>(s.id, 'v0', ['b1', 'b3', 'unknown']);
        expect(loaded?.session).toEqual(s);
        expect(loaded?.liveState).toEqual({ seq: 9 });
        expect([...loaded!.decisions.keys()].sort()).toEqual(['b1', 'b3']);
        expect(loaded?.decisions.get('b3')).toEqual(samplePod('b3', 'b3'));
      });

      it('works with no live state and no break ids', async () => {
        const s = sampleSession();
        await f.sessions.create(s, ttl);
        const loaded = await f.sessions.loadForPlaylist(s.id, 'v0', []);
        expect(loaded).toMatchObject({ session: s, liveState: undefined, decisions: new Map() });
      });

      it('gives the same version until the live state or a decision changes', async () => {
        const s = sampleSession();
        await f.sessions.create(s, ttl);
        const version = async (breakIds: readonly string[] = ['b1']) => (await f.sessions.loadForPlaylist(s.id, 'v0', breakIds))?.version;
        const empty = await version();
        await f.sessions.putLiveState(s.id, 'v0', { seq: 1 });
        const one = await version();
        expect(one).not.toBe(empty);
        expect(await version()).toBe(one);
        await f.sessions.putLiveState(s.id, 'v1', { seq: 7 });
        expect(await version()).toBe(one);
        await f.sessions.putLiveState(s.id, 'v0', { seq: 2 });
        const two = await version();
        expect(two).not.toBe(one);
        await f.decisions.getOrCreate(s.id, 'b1', () => Promise.resolve(samplePod('b1', 'b1')), ttl);
        const decided = await version();
        expect(decided).not.toBe(two);
        expect(await version()).toBe(decided);
        expect(await version(['b2'])).toBe(two);
        await f.sessions.putLiveState(s.id, 'v0', { seq: 1 });
        expect(await version()).not.toBe(decided);
      });

      it('refreshes the idle expiry', async () => {
        const s = sampleSession();
        await f.sessions.create(s, ttl);
        await f.clock.advance(2 * f.unitMs);
        expect(await f.sessions.loadForPlaylist(s.id, 'v0', [])).toBeDefined();
        await f.clock.advance(2 * f.unitMs);
        expect(await f.sessions.get(s.id)).toEqual(s);
      });
    });
  });
}
