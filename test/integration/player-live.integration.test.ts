// Live through the player path: the demo's live origin on a clock the test steps, refreshed
// across whole breaks. Checks that a media sequence number names the same segment (and the
// same discontinuity sequence) in every refresh, on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HlsMediaPlaylist } from '../../manifests/index.js';
import { defaultLiveSchedule, liveBreak, type LiveBreak } from '../../src/demo/index.js';
import { media, openSession, startService, startWorld, type Backend, type SharedWorld, type TestService } from './player-harness.js';

let world: SharedWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});

const SEG_MS = 2000;

/** Origin time at which the newest complete segment is `seq`. */
function timeForNewest(seq: number): number {
  return (seq + 2) * SEG_MS;
}

function upcomingBreak(parity: 0 | 1, periodsAhead: number): LiveBreak {
  const loop = world.demo.media.catalog.hls.find((a) => a.kind === 'content')?.renditions[0]?.segments.length ?? 60;
  const schedule = defaultLiveSchedule(loop);
  let index = Math.floor(Date.now() / 60_000) + periodsAhead;
  if (index % 2 !== parity) index += 1;
  return liveBreak(schedule, index);
}

interface Slot {
  readonly uri: string;
  readonly disc: number;
}

function slots(p: HlsMediaPlaylist): Map<number, Slot> {
  return new Map(p.segments.map((s) => [s.mediaSequence, { uri: s.uri, disc: s.discontinuitySequence }]));
}

describe.each<Backend>(['memory', 'redis'])('player routes, live (%s store)', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startService(world, backend);
  });
  afterAll(async () => {
    await svc.close();
  });

  it.each([['CUE-OUT 30 s', 0], ['DATERANGE 20 s', 1]] as const)('refreshes across a whole %s break keep MEDIA-SEQUENCE and DISCONTINUITY-SEQUENCE consistent', async (_name, parity) => {
    const brk = upcomingBreak(parity, 3 + parity * 2 + (backend === 'redis' ? 10 : 0));
    world.demoClock.set(timeForNewest(brk.startSeq - 3));
    const s = await openSession(svc, 'demo-live', 'live/master.m3u8');
    let prev: HlsMediaPlaylist | undefined;
    let sawAd = false;
    let sawContentAfter = false;
    for (let seq = brk.startSeq - 3; seq <= brk.endSeq + 8; seq++) {
      world.demoClock.set(timeForNewest(seq));
      const [r0, r1] = await Promise.all([svc.get(s.media[0] ?? ''), svc.get(s.media[1] ?? '')]);
      expect(r0.status).toBe(200);
      const p = media(r0.text);
      const q = media(r1.text);
      // ABR: both variants number the same window the same way
      expect(q.mediaSequence).toBe(p.mediaSequence);
      expect(q.discontinuitySequence).toBe(p.discontinuitySequence);
      expect(p.endList).toBe(false);
      if (prev !== undefined) {
        expect(p.mediaSequence).toBeGreaterThanOrEqual(prev.mediaSequence);
        expect(p.discontinuitySequence).toBeGreaterThanOrEqual(prev.discontinuitySequence);
        const before = slots(prev);
        for (const [msn, slot] of slots(p)) {
          const old = before.get(msn);
          if (old !== undefined) expect({ msn, ...slot }).toEqual({ msn, ...old });
        }
      }
      if (p.segments.some((x) => x.uri.includes(`/v1/segment/${s.sessionId}/a`))) sawAd = true;
      if (sawAd && p.segments.at(-1)?.uri.startsWith('http')) sawContentAfter = true;
      prev = p;
    }
    expect(sawAd).toBe(true);
    expect(sawContentAfter).toBe(true);
    expect(world.vastHits(s.sessionId)).toBe(1);
    // the live splice state is in the store, keyed by segmentation group
    expect(await svc.app.services.sessionStore.getLiveState(s.sessionId, 'v')).toBeDefined();
  });

  it('a refresh that sees the same window, state and decisions reuses its answer; any change is seen', async () => {
    const brk = upcomingBreak(0, 40 + (backend === 'redis' ? 10 : 0));
    world.demoClock.set(timeForNewest(brk.startSeq + 2));
    const s = await openSession(svc, 'demo-live', 'live/master.m3u8');
    const { playback, logger, sessionStore } = svc.app.services;
    const n = Number(/(\d+)\.m3u8$/.exec(s.media[0] ?? '')?.[1]);
    await playback.media('demo-live', s.sessionId, n, logger);
    const settled = await playback.media('demo-live', s.sessionId, n, logger);
    const again = await playback.media('demo-live', s.sessionId, n, logger);
    expect(again).toBe(settled);
    expect(again.toString()).toContain(`/v1/segment/${s.sessionId}/a`);
    // another instance rewrote the rendition's state: spliced again from the stored state
    const stored = await sessionStore.getLiveState<Record<string, unknown>>(s.sessionId, 'v');
    await sessionStore.putLiveState(s.sessionId, 'v', { ...stored, targetDuration: 9 });
    const rewritten = await playback.media('demo-live', s.sessionId, n, logger);
    expect(rewritten).not.toBe(again);
    expect(media(rewritten.toString()).targetDuration).toBe(9);
    // the origin window moved: a new answer that continues the numbering
    world.demoClock.set(timeForNewest(brk.startSeq + 3));
    const moved = media((await playback.media('demo-live', s.sessionId, n, logger)).toString());
    const before = media(rewritten.toString());
    expect(moved.mediaSequence).toBe(before.mediaSequence + 1);
    expect(slots(moved).get(before.mediaSequence + 1)).toEqual(slots(before).get(before.mediaSequence + 1));
  });

  it('a viewer joining mid-break enters the pod where it is (joinMode ad)', async () => {
    const brk = upcomingBreak(0, 20 + (backend === 'redis' ? 10 : 0));
    world.demoClock.set(timeForNewest(brk.startSeq + 8));
    const s = await openSession(svc, 'demo-live', 'live/master.m3u8');
    const p = media((await svc.get(s.media[0] ?? '')).text);
    expect(p.segments.some((x) => x.uri.includes(`/v1/segment/${s.sessionId}/`))).toBe(true);
    expect(world.vastHits(s.sessionId)).toBe(1);
    world.demoClock.set(timeForNewest(brk.startSeq + 9));
    const next = media((await svc.get(s.media[0] ?? '')).text);
    for (const [msn, slot] of slots(next)) {
      const old = slots(p).get(msn);
      if (old !== undefined) expect(slot).toEqual(old);
    }
  });

  it('ad source down during a live break: the break plays slate, the playlist is answered in time', async () => {
    const brk = upcomingBreak(1, 30 + (backend === 'redis' ? 10 : 0));
    world.demoClock.set(timeForNewest(brk.startSeq - 1));
    const s = await openSession(svc, 'demo-live', 'live/master.m3u8');
    world.vastBehaviour = { delayMs: 0, status: 503 };
    try {
      world.demoClock.set(timeForNewest(brk.startSeq + 3));
      const t0 = Date.now();
      const res = await svc.get(s.media[0] ?? '');
      expect(Date.now() - t0).toBeLessThan(1500);
      expect(res.status).toBe(200);
      const p = media(res.text);
      expect(p.segments.some((x) => x.uri.includes(`/v1/segment/${s.sessionId}/s0.`))).toBe(true);
      expect(p.segments.some((x) => x.uri.includes(`/v1/segment/${s.sessionId}/a`))).toBe(false);
      const slate = p.segments.find((x) => x.uri.includes('/s0.'));
      const redirect = await svc.get(slate?.uri ?? '');
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get('location')).toContain('/slate/');
    } finally {
      world.vastBehaviour = { delayMs: 0, status: 200 };
    }
  });
});

describe('live origin cache (origin.liveCacheMaxMs)', () => {
  it('reuses the origin window until the TTL passes, then shows the move; the TTL never exceeds half a target duration', async () => {
    // 10 s asked for; the demo's 2 s segments cap it at 1 s
    const svc = await startService(world, 'memory', { liveCacheMaxMs: 10_000 });
    try {
      const brk = upcomingBreak(1, 70);
      world.demoClock.set(timeForNewest(brk.startSeq - 12));
      const s = await openSession(svc, 'demo-live', 'live/master.m3u8');
      const url = s.media[0] ?? '';
      const first = media((await svc.get(url)).text);
      expect(first.targetDuration).toBe(SEG_MS / 1000);
      world.demoClock.set(timeForNewest(brk.startSeq - 11));
      svc.clock.advance(900);
      expect(media((await svc.get(url)).text).mediaSequence).toBe(first.mediaSequence);
      svc.clock.advance(100);
      const moved = media((await svc.get(url)).text);
      expect(moved.mediaSequence).toBe(first.mediaSequence + 1);
      expect(slots(moved).get(first.mediaSequence + 1)).toEqual(slots(first).get(first.mediaSequence + 1));
    } finally {
      await svc.close();
    }
  });
});
