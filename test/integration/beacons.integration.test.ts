// Server-side beacons end to end through the service: real segment requests, the real queue
// (in-process, and BullMQ on Redis), a real loopback receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, eventually, openPlayer, startBeaconService, startBeaconWorld, type BeaconService, type BeaconWorld, type QueueBackend } from './beacons-world.js';

const AD_EVENTS = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];

let world: BeaconWorld;
beforeAll(async () => {
  world = await startBeaconWorld();
}, 120_000);
afterAll(async () => {
  await world.close();
});

const okFor = (sid: string) => world.accepted().filter((h) => h.sid === sid);

describe.each<QueueBackend>(['in-process', 'bullmq'])('server-side beacons (%s queue)', (backend) => {
  let svc: BeaconService;
  beforeAll(async () => {
    world.mode = 'ok';
    svc = await startBeaconService(world, backend);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('fires each event once, at its segment, across renditions and retried requests', async () => {
    const p = await openPlayer(svc, { headers: { 'user-agent': 'RokuOS/12', 'x-forwarded-for': '203.0.113.9' } });
    const [r0, r1] = p.adSegments;
    expect(r0).toHaveLength(5);
    expect(r1).toHaveLength(5);
    // segment 0 proves impression + start, and nothing later
    const first = await svc.get(r0?.[0] ?? '');
    expect(first.status).toBe(302);
    await eventually(() => okFor(p.sessionId).length === 2, 5_000, 'impression and start');
    expect(okFor(p.sessionId).map((h) => h.event).sort()).toEqual(['impression', 'start']);
    // the rest of the ad, switching renditions and repeating requests
    for (const url of [r0?.[0], r1?.[1], r0?.[1], r1?.[2], r1?.[2], r0?.[3], r1?.[4], r0?.[4], r1?.[0]]) {
      expect((await svc.get(url ?? '')).status).toBe(302);
    }
    await eventually(() => okFor(p.sessionId).length >= 6, 5_000, 'all six events');
    await new Promise((r) => setTimeout(r, 300));
    const hits = world.hits.filter((h) => h.sid === p.sessionId);
    expect(hits.map((h) => h.event).sort()).toEqual([...AD_EVENTS].sort());
    const imp = hits.find((h) => h.event === 'impression');
    expect(imp?.headers['x-device-ip']).toBe('203.0.113.9');
    expect(imp?.headers['x-device-user-agent']).toBe('RokuOS/12');
    expect(imp?.headers['user-agent']).toMatch(/^Interlude\/\d+\.\d+\.\d+ \(\+server-side\)$/);
    expect(imp?.requestId).toMatch(/^[0-9a-f]{32}$/);

    const ledger = await svc.get(`/v1/sessions/${p.sessionId}/beacons`);
    expect(ledger.status).toBe(200);
    const entries = JSON.parse(ledger.text) as Array<{ event: string; state: string; attempts: number; lastStatus: number; adId: string; url: string }>;
    expect(entries.map((e) => e.event).sort()).toEqual([...AD_EVENTS].sort());
    expect(entries.every((e) => e.state === 'sent' && e.attempts === 1 && e.lastStatus === 204)).toBe(true);
    expect(entries[0]?.adId).toBe('offset-0:red-1');
    expect(entries[0]?.url).toContain(`sid=${p.sessionId}`);
    expect((await svc.get('/v1/sessions/nope/beacons')).status).toBe(404);
  });

  it('a viewer who seeks past the ad end never fires complete (nor the quartiles they skipped)', async () => {
    const p = await openPlayer(svc);
    await svc.get(p.adSegments[0]?.[0] ?? '');
    await svc.get(p.adSegments[0]?.[1] ?? '');
    await eventually(() => okFor(p.sessionId).length === 3, 5_000, 'three events');
    await new Promise((r) => setTimeout(r, 300));
    expect(okFor(p.sessionId).map((h) => h.event).sort()).toEqual(['firstQuartile', 'impression', 'start']);
  });

  it('client reporting mode: the service fires nothing and the tracking JSON carries the timeline', async () => {
    const p = await openPlayer(svc, { explicit: { reportingMode: 'client' } });
    for (const u of p.adSegments[0] ?? []) expect((await svc.get(u)).status).toBe(302);
    await new Promise((r) => setTimeout(r, 300));
    expect(world.hits.filter((h) => h.sid === p.sessionId)).toEqual([]);
    const tracking = await svc.get(`/v1/tracking/${p.sessionId}`);
    expect(tracking.status).toBe(200);
    const doc = JSON.parse(tracking.text) as { avails: Array<{ availId: string; startTimeInSeconds: number; durationInSeconds: number; ads: Array<{ adId: string; trackingEvents: Array<{ eventType: string; startTimeInSeconds: number; beaconUrls: string[] }> }> }> };
    expect(doc.avails).toHaveLength(1);
    const avail = doc.avails[0];
    expect(avail).toMatchObject({ availId: 'offset-0', startTimeInSeconds: 0, durationInSeconds: 10 });
    const events = avail?.ads[0]?.trackingEvents ?? [];
    expect(events.map((e) => [e.eventType, e.startTimeInSeconds])).toEqual([
      ['impression', 0], ['start', 0], ['firstQuartile', 2.5], ['midpoint', 5], ['thirdQuartile', 7.5], ['complete', 10], ['error', 0],
    ]);
    expect(events[0]?.beaconUrls[0]).toContain(`${world.receiver.origin}/b?e=impression&sid=${p.sessionId}`);
    expect((await svc.get('/v1/tracking/unknown-session')).status).toBe(404);
  });

  it('an ad decisioning drops fires its Error URLs once with [ERRORCODE] 403, in both reporting modes', async () => {
    world.withUnplayableAd = true;
    try {
      const server = await openPlayer(svc);
      const client = await openPlayer(svc, { explicit: { reportingMode: 'client' } });
      // more refreshes decide nothing new
      await svc.get(server.media[0] ?? '');
      for (const sid of [server.sessionId, client.sessionId]) {
        await eventually(() => okFor(sid).some((h) => h.event === 'error'), 5_000, 'error beacon');
      }
      await new Promise((r) => setTimeout(r, 300));
      for (const sid of [server.sessionId, client.sessionId]) {
        const errors = world.hits.filter((h) => h.sid === sid && h.event === 'error');
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ ad: 'mp4only', code: '403' });
      }
    } finally {
      world.withUnplayableAd = false;
    }
  });
});

describe.each<QueueBackend>(['in-process', 'bullmq'])('beacon delivery faults (%s queue)', (backend) => {
  let svc: BeaconService;
  beforeAll(async () => {
    svc = await startBeaconService(world, backend, { beacons: { attemptTimeoutMs: 300 } });
  });
  afterAll(async () => {
    world.mode = 'ok';
    await svc.close();
  });

  async function impressionOf(mode: typeof world.mode, recoverAfterMs: number): Promise<string> {
    world.mode = mode;
    const p = await openPlayer(svc);
    await svc.get(p.adSegments[0]?.[0] ?? '');
    await eventually(() => world.hits.filter((h) => h.sid === p.sessionId && h.event === 'impression').length >= 1, 5_000, 'first attempt');
    await new Promise((r) => setTimeout(r, recoverAfterMs));
    world.mode = 'ok';
    await eventually(() => okFor(p.sessionId).length === 2, 10_000, 'delivery after recovery');
    await new Promise((r) => setTimeout(r, 500));
    return p.sessionId;
  }

  it('receiver answers 503, then recovers: each beacon delivered once, after retries', async () => {
    const sid = await impressionOf('fail503', 250);
    const imp = world.hits.filter((h) => h.sid === sid && h.event === 'impression');
    expect(imp.length).toBeGreaterThanOrEqual(2);
    expect(imp.filter((h) => h.status === 204)).toHaveLength(1);
    expect(new Set(imp.map((h) => h.requestId)).size).toBe(1);
    const ledger = JSON.parse((await svc.get(`/v1/sessions/${sid}/beacons`)).text) as Array<{ event: string; state: string; attempts: number }>;
    expect(ledger.find((e) => e.event === 'impression')).toMatchObject({ state: 'sent' });
    expect(ledger.find((e) => e.event === 'impression')?.attempts).toBe(imp.length);
    const metrics = await svc.app.services.metrics.render();
    expect(metrics).toMatch(/beacons_retried_total\{event="impression"\} [1-9]/);
    expect(metrics).toMatch(/beacons_sent_total\{event="impression"\} [1-9]/);
  });

  it('receiver hangs: the attempt times out and the retry delivers', async () => {
    const sid = await impressionOf('hang', 400);
    const imp = world.hits.filter((h) => h.sid === sid && h.event === 'impression');
    expect(imp.length).toBeGreaterThanOrEqual(2);
    expect(imp[0]?.status).toBe(0);
    expect(imp.filter((h) => h.status === 204)).toHaveLength(1);
  });

  it('receiver down for a while, then back: delivered after it returns', async () => {
    const sid = await impressionOf('down', 1_200);
    const imp = world.hits.filter((h) => h.sid === sid && h.event === 'impression');
    expect(imp.filter((h) => h.status === 0).length).toBeGreaterThanOrEqual(3);
    expect(imp.filter((h) => h.status === 204)).toHaveLength(1);
  });

  it('reports the job queue depth on /metrics', async () => {
    const metrics = await svc.app.services.metrics.render();
    expect(metrics).toMatch(/job_queue_depth\{state="waiting"\} \d+/);
    expect(CHANNEL).toBe('bvod');
  });
});
