// 10,000 ad segment requests from 500 sessions, with ABR switches (two renditions) and
// duplicate requests: each (session, ad, event) must reach the receiver exactly once. The
// full load runs on BullMQ (the durable path that several instances share); the in-process
// queue gets the same pattern at a fifth of the size, to keep the suite within its budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, openPlayer, startBeaconService, startBeaconWorld, type BeaconWorld, type QueueBackend } from './beacons-world.js';

const SESSIONS: Record<QueueBackend, number> = { bullmq: 500, 'in-process': 100 };
const POOL = 64;

let world: BeaconWorld;
beforeAll(async () => {
  world = await startBeaconWorld();
}, 120_000);
afterAll(async () => {
  await world.close();
});

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  }));
}

describe.each<QueueBackend>(['in-process', 'bullmq'])('beacons under load (%s queue)', (backend) => {
  it('counts each (session, ad, event) exactly once at the receiver', async () => {
    const sessionCount = SESSIONS[backend];
    const svc = await startBeaconService(world, backend, { beacons: { concurrency: 128, attemptTimeoutMs: 5_000 } });
    try {
      const before = world.hits.length;
      let segmentRequests = 0;
      const sessions: string[] = [];
      await pool(Array.from({ length: sessionCount }, (_, i) => i), POOL, async () => {
        const p = await openPlayer(svc);
        sessions.push(p.sessionId);
        const [r0 = [], r1 = []] = p.adSegments;
        if (r0.length < 5 || r1.length < 5) throw new Error(`session ${p.sessionId} got ${r0.length}/${r1.length} pre-roll segments, not 5/5: its ad decision failed`);
        for (let k = 0; k < 5; k++) {
          // a player switching renditions mid-ad, each request retried once
          for (const url of [r0[k], r1[k], r0[k], r1[k]]) {
            const res = await fetch(`${svc.url}${url ?? ''}`, { redirect: 'manual' });
            await res.arrayBuffer();
            if (res.status !== 302) throw new Error(`segment ${url}: ${res.status}`);
            segmentRequests++;
          }
        }
      });
      expect(segmentRequests).toBe(sessionCount * 20);
      const expected = sessionCount * 6;
      const mine = new Set(sessions);
      const accepted = () => world.accepted().filter((h) => mine.has(h.sid));
      await eventually(() => accepted().length >= expected, 30_000, `${expected} beacons`);
      await new Promise((r) => setTimeout(r, 500));
      // an idempotent receiver (dedupe by X-Request-Id) counts each (session, ad, event) once
      const hits = accepted();
      expect(hits).toHaveLength(expected);
      expect(new Set(hits.map((h) => `${h.sid}|${h.ad}|${h.event}`)).size).toBe(expected);
      // at-least-once delivery may resend a beacon whose answer came late, never under a new id
      const raw = world.hits.slice(before).filter((h) => mine.has(h.sid));
      const idsPerKey = new Map<string, Set<string>>();
      for (const h of raw) idsPerKey.set(`${h.sid}|${h.ad}|${h.event}`, (idsPerKey.get(`${h.sid}|${h.ad}|${h.event}`) ?? new Set()).add(h.requestId));
      expect([...idsPerKey.values()].every((ids) => ids.size === 1)).toBe(true);
      console.log(`${backend}: ${segmentRequests} segment requests, ${raw.length} receiver hits, ${hits.length} distinct beacons`);
    } finally {
      await svc.close();
    }
  }, 90_000);
});
