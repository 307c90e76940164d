// The fault test, through the whole service: the process holding the queue (an
// Interlude instance on Redis, BullMQ mode, delivering its own beacons) is killed with
// SIGKILL while beacon deliveries are in flight. After a restart on the same Redis, every
// beacon the players' segment requests triggered reaches the receiver at least once, an
// idempotent receiver (dedupe by X-Request-Id) counts each exactly once, and the restarted
// instance's ledger shows them all sent.
//
// Both instances are child processes (test/integration/fixtures/beacon-service-child.ts)
// running buildApp with a BullMQ lock of 1 s, so the dead instance's jobs are taken back
// about a second after the kill. The restart's process loads the app's modules while the
// first instance runs (only to save tsx's load time), and builds its service, queue and
// worker only after the kill. The receiver answers each beacon after 400 ms, which keeps
// a full worker's worth of deliveries in flight when the kill lands.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEACON_BATCH_JOB_NAME, BEACON_JOB_NAME } from '../../src/beacons/beacon-dispatcher.js';
import { beaconId } from '../../src/beacons/beacon-job.js';
import { channelSchema } from '../../src/channels/channel-schema.js';
import { startDemo, type DemoHandle } from '../../src/demo/index.js';
import { sendScripted, startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { openTestRedis, type TestRedis } from '../support/redis.js';
import { spawnTsWorker, type ChildWorker } from '../src/queue/queue-fixtures.js';
import { eventually } from './beacons-world.js';

const CHILD = new URL('./fixtures/beacon-service-child.ts', import.meta.url);
const LOCK_MS = 1_000;
const SESSIONS = 12;
/** Beacons in flight per instance: the most a kill can leave unanswered, so the most replays. */
const CONCURRENCY = 8;
const RECEIVER_DELAY_MS = 400;
const CHANNEL = 'bvod';
/** The one ad of every session's pre-roll, as segment firing names its instance (break:pod ad). */
const AD_INSTANCE = 'offset-0:red-1';
const EVENTS = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'] as const;

interface Arrival {
  readonly requestId: string;
  readonly sid: string;
  readonly atMs: number;
  /** Set when the 204 was written to a socket still open (the sender may still have died). */
  answered: boolean;
}

interface LedgerRow {
  readonly id: string;
  readonly event: string;
  readonly state: string;
  readonly lastStatus: number | null;
}

let demo: DemoHandle;
let vast: LoopbackServer;
let receiver: LoopbackServer;
let redis: TestRedis;
const arrivals: Arrival[] = [];
const children: ChildWorker[] = [];

function vastXml(sid: string): string {
  const b = (e: string) => `<![CDATA[${receiver.origin}/b?e=${e}&sid=${sid}]]>`;
  const tracking = EVENTS.filter((e) => e !== 'impression').map((e) => `<Tracking event="${e}">${b(e)}</Tracking>`).join('');
  return `<?xml version="1.0"?><VAST version="4.0"><Ad id="red" sequence="1"><InLine><AdSystem>t</AdSystem><AdTitle>red</AdTitle>
    <Impression>${b('impression')}</Impression>
    <Creatives><Creative id="red-c" adId="red"><Linear><Duration>00:00:10</Duration>
    <TrackingEvents>${tracking}</TrackingEvents>
    <MediaFiles><MediaFile delivery="streaming" type="application/x-mpegURL" width="640" height="360"><![CDATA[${demo.originBaseUrl}ads/ad-red/master.m3u8]]></MediaFile></MediaFiles>
    </Linear></Creative></Creatives></InLine></Ad></VAST>`;
}

/** The file layer of the config both instances load (same Redis prefix, so the same queue and sessions). */
function serviceConfig(): Record<string, unknown> {
  const demoChannel = demo.channels.find((c) => c.id === 'demo-vod-nocue');
  return {
    logging: { level: 'error' },
    server: { port: 0 },
    redis: { keyPrefix: redis.prefix },
    conditioning: { enabled: false },
    beacons: { concurrency: CONCURRENCY, attemptTimeoutMs: 5_000, backoff: { delayMs: 100, maxDelayMs: 400, jitter: 0 }, runWorkerInService: true },
    channels: [channelSchema.parse({
      ...demoChannel, id: CHANNEL, vodPreroll: true, vodMidrollOffsetsSec: [],
      adDecision: { type: 'vast', url: `${vast.origin}/vast?sid=[session.id]`, timeoutMs: 4_000 },
    })],
  };
}

interface Instance {
  readonly child: ChildWorker;
  /** Builds the service and resolves with its URL. */
  start(): Promise<string>;
}

/** A child process with the app's modules loaded; the service is built only on start(). */
async function loadInstance(): Promise<Instance> {
  const child = spawnTsWorker(CHILD, [JSON.stringify(serviceConfig()), redis.url, String(LOCK_MS), 'on-signal']);
  children.push(child);
  await child.waitForLine('loaded', 25_000);
  return {
    child,
    async start() {
      child.child.kill('SIGUSR2');
      const line = await child.waitForLine('listening ', 25_000);
      return line.slice('listening '.length).trim();
    },
  };
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

const uriLines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

/** A player: starts a session, reads the first rendition, requests every ad segment of the pre-roll. */
async function playPreroll(base: string): Promise<string> {
  const master = await get(`${base}/v1/master/${CHANNEL}/vod-nocue/master.m3u8`);
  expect(master.status).toBe(200);
  const media = uriLines(master.text)[0] ?? '';
  const sid = /\/v1\/manifest\/[^/]+\/([^/]+)\//.exec(media)?.[1] ?? '';
  const segments = uriLines((await get(`${base}${media}`)).text).filter((u) => u.includes('/v1/segment/'));
  expect(segments).toHaveLength(5);
  for (const s of segments) expect((await get(`${base}${s}`)).status).toBe(302);
  return sid;
}

async function ledgerOf(base: string, sid: string): Promise<LedgerRow[]> {
  const res = await get(`${base}/v1/sessions/${sid}/beacons`);
  return res.status === 200 ? (JSON.parse(res.text) as LedgerRow[]) : [];
}

beforeAll(async () => {
  redis = openTestRedis('bsvckill');
  demo = await startDemo({});
  vast = await startLoopbackServer((req, res) => {
    const sid = new URL(req.url ?? '/', 'http://x').searchParams.get('sid') ?? '';
    res.writeHead(200, { 'content-type': 'application/xml' }).end(vastXml(sid));
  });
  receiver = await startLoopbackServer(async (req, res: ServerResponse) => {
    const arrival: Arrival = {
      requestId: String(req.headers['x-request-id'] ?? ''),
      sid: new URL(req.url ?? '/', 'http://x').searchParams.get('sid') ?? '',
      atMs: Date.now(),
      answered: false,
    };
    arrivals.push(arrival);
    await sendScripted(res, { delayMs: RECEIVER_DELAY_MS, status: 204 });
    arrival.answered = !res.destroyed;
  });
}, 120_000);

afterAll(async () => {
  // children first: nothing may write under the prefix after the cleanup
  for (const c of children) await c.kill9();
  await Promise.all([vast?.close(), receiver?.close(), demo?.close()]);
  await redis?.cleanup();
});

describe('service killed with kill -9 mid-delivery (BullMQ), then restarted', () => {
  it('delivers every beacon at least once, each id once to an idempotent receiver, and the ledger shows them sent', async () => {
    // the restart's process loads while the first instance runs; its service starts after the kill
    const tLoad = Date.now();
    const [first, second] = await Promise.all([loadInstance(), loadInstance()]);
    const loadedMs = Date.now() - tLoad;
    const t0 = Date.now();
    const firstUrl = await first.start();
    const startedMs = Date.now() - t0;
    const sids = await Promise.all(Array.from({ length: SESSIONS }, () => playPreroll(firstUrl)));
    expect(new Set(sids).size).toBe(SESSIONS);
    const expected = new Map<string, string[]>(sids.map((sid) => [sid, EVENTS.map((e) => beaconId(sid, AD_INSTANCE, e, 0))]));
    const expectedIds = [...expected.values()].flat().sort();

    // Every beacon is durable (queued in the ledger, hence in BullMQ) before the kill…
    await eventually(async () => {
      const rows = await Promise.all(sids.map((sid) => ledgerOf(firstUrl, sid)));
      return rows.every((r) => r.length === EVENTS.length);
    }, 10_000, 'every beacon to be queued');
    // …and the kill lands while deliveries are under way: some answered, some in flight.
    await eventually(() => arrivals.filter((a) => a.answered).length >= CONCURRENCY, 10_000, 'the first deliveries');
    const activeJobs = await redis.client.llen(`${redis.prefix}bull:${BEACON_BATCH_JOB_NAME}:active`)
      + await redis.client.llen(`${redis.prefix}bull:${BEACON_JOB_NAME}:active`);
    await first.child.kill9();
    const killedAtMs = Date.now();
    const beforeKill = new Set(arrivals.map((a) => a.requestId));
    // receiver side: requests that got no answer (a starved instance may show 0; the replays below prove the cut)
    const inFlight = arrivals.filter((a) => !a.answered).length;
    expect(beforeKill.size).toBeLessThan(expectedIds.length);
    expect(activeJobs).toBeGreaterThan(0);

    const secondUrl = await second.start();
    const restartedMs = Date.now() - killedAtMs;
    const distinct = () => new Set(arrivals.map((a) => a.requestId));
    await eventually(() => expectedIds.every((id) => distinct().has(id)), 20_000, 'every beacon after the restart');
    await eventually(async () => {
      const rows = await Promise.all(sids.map((sid) => ledgerOf(secondUrl, sid)));
      return rows.every((r) => r.length === EVENTS.length && r.every((e) => e.state === 'sent'));
    }, 10_000, 'the ledger to show every beacon sent');
    const recoveredMs = Date.now() - killedAtMs;
    // a late replay would show up here
    await new Promise((r) => setTimeout(r, RECEIVER_DELAY_MS + 200));

    const counts = new Map<string, number>();
    for (const a of arrivals) counts.set(a.requestId, (counts.get(a.requestId) ?? 0) + 1);
    for (const id of expectedIds) expect(counts.get(id) ?? 0).toBeGreaterThanOrEqual(1);
    // the idempotent receiver's view: exactly the expected beacons, each once
    expect([...counts.keys()].sort()).toEqual(expectedIds);
    // at least once: the deliveries the kill cut short were sent again by the restarted
    // instance, under the same X-Request-Id…
    const replayed = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.every((id) => beforeKill.has(id))).toBe(true);
    // …and only those: at most one worker's worth (CONCURRENCY), once each
    expect(arrivals.length - expectedIds.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(arrivals.length - expectedIds.length).toBe(replayed.length);
    // the restarted instance delivered everything the dead one had not
    const afterKill = arrivals.filter((a) => a.atMs > killedAtMs);
    for (const id of expectedIds.filter((i) => !beforeKill.has(i))) expect(afterKill.some((a) => a.requestId === id)).toBe(true);

    console.log(`kill -9 with ${activeJobs} jobs active, after ${beforeKill.size}/${expectedIds.length} beacons arrived (${inFlight} unanswered); `
      + `processes loaded in ${loadedMs} ms, instance built in ${startedMs} ms, restart serving ${restartedMs} ms and all delivered ${recoveredMs} ms after the kill; `
      + `${arrivals.length} receiver hits, ${replayed.length} replays`);
    for (const [sid, ids] of expected) {
      const rows = await ledgerOf(secondUrl, sid);
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(rows.map((r) => r.event).sort()).toEqual([...EVENTS].sort());
      expect(rows.every((r) => r.state === 'sent' && r.lastStatus === 204)).toBe(true);
      expect(arrivals.filter((a) => a.sid === sid).every((a) => ids.includes(a.requestId))).toBe(true);
    }
  }, 40_000);
});
