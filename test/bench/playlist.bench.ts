/**
 * The player path's throughput and state cost (`npm run bench -- playlist`).
 *
 * Throughput: media playlist requests/s of the real service (buildApp, embedded default
 * stores, listening on loopback) under a closed-loop load from this process (undici Pool,
 * CONNECTIONS sockets; service and bare server in ROUNDS alternating rounds), for (a) a 6-segment live window inside a break and
 * (b) a 1,800-segment VOD with 4 breaks; against bare node:http returning the service's own
 * output bytes, and, for the VOD, @eyevinn/hls-splice splicing the same input per request.
 * The origin and VAST server are loopback servers in this process answering from memory. The
 * service runs with its default config: it fetches a VOD playlist from the origin on every
 * request and reuses a live one for up to `origin.liveCacheMaxMs` (1 s); the origin requests
 * per service request are printed. It is also run with an in-memory fetcher to show its own cost.
 *
 * State: a child process (`node --expose-gc`, see playlist/state-cost.ts) measures heap per
 * live session, Redis bytes per session, and Redis commands / round trips per request.
 *
 * Runs its work when imported (run.ts awaits each bench file's import); registers no suite.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startBareServer, startHlsSpliceServer, timeHlsSpliceCalls } from './playlist/baselines.js';
import { VOD_SEGMENTS } from './playlist/inputs.js';
import { runLoad, type LoadResult } from './playlist/load.js';
import type { StateCost } from './playlist/state-cost.js';
import { adSegmentCount, EXPECTED_AD_SEGMENTS, memoryFetcher, startBenchService, startOrigin, timeMediaCalls, warmSession, type Origin, type Stream } from './playlist/world.js';

const CONNECTIONS = 32;
const SCENARIO_MS = Number(process.env.INTERLUDE_BENCH_SCENARIO_MS ?? 5_000);
/**
 * The service and bare node:http are timed in ROUNDS alternating rounds after a warm-up of
 * each, and the ratio is the median round's: back-to-back single runs moved the live ratio
 * between 0.50 and 0.63 on this box, mostly with the baseline (19k to 27k req/s).
 */
const ROUNDS = 5;
const ROUND_MS = Math.round(SCENARIO_MS * 0.3);
const WARMUP_MS = Math.round(SCENARIO_MS * 0.2);
const TARGETS = { liveVsBare: 0.6, vodVsHlsSplice: 50, heapMb: 50, redisBytes: 512, redisRoundTrips: 1 } as const;
const here = dirname(fileURLToPath(import.meta.url));

const started = performance.now();
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function row(name: string, r: LoadResult, base?: LoadResult): string {
  const ratio = base === undefined ? '' : `${(r.rps / base.rps).toFixed(2)}×`;
  const cpuRatio = base === undefined ? '' : `${(base.cpuUsPerRequest / r.cpuUsPerRequest).toFixed(2)}×`;
  const err = r.errors > 0 ? `  ${r.errors} errors (${r.firstError ?? ''})` : '';
  return `  ${name.padEnd(50)} ${r.rps.toFixed(0).padStart(6)} req/s ${ratio.padStart(7)}  ${r.cpuUsPerRequest.toFixed(0).padStart(6)} µs CPU/req ${cpuRatio.padStart(7)}  p50 ${r.p50Ms.toFixed(1).padStart(6)} ms  p99 ${r.p99Ms.toFixed(1).padStart(7)} ms${err}`;
}

const HEADER = `  ${''.padEnd(50)} ${'throughput'.padStart(18)}  ${'CPU per request (whole process)'.padStart(32)}`;

function verdict(ok: boolean): string {
  return ok ? 'MET' : 'MISSED';
}

interface Throughput {
  /** The median round's, and the baseline run right after it. */
  readonly service: LoadResult;
  /** Service over bare node:http, per round. */
  readonly bareRatios: readonly number[];
  readonly cached: LoadResult;
  readonly bare: LoadResult;
  readonly bytes: number;
  readonly originPerRequest: string;
  /** PlaybackService.media() in-process, origin from memory. */
  readonly callUs: number;
}

async function throughput(origin: Origin, stream: Stream): Promise<Throughput> {
  const service = await startBenchService(origin);
  const cachedService = await startBenchService(origin, { fetcher: memoryFetcher(origin) });
  try {
    const warm = await warmSession(service, stream);
    const ads = adSegmentCount(warm.body);
    if (ads !== EXPECTED_AD_SEGMENTS[stream]) throw new TypeError(`${stream}: ${ads} ad segments in the stitched playlist, expected ${EXPECTED_AD_SEGMENTS[stream]}`);
    const contentSegs = warm.body.split('\n').filter((l) => /\/(seg|live)-\d+\.ts$/.test(l)).length;
    // VOD mid-rolls are inserted (content resumes where it paused), as hls-splice does.
    if (stream === 'vod' && contentSegs !== VOD_SEGMENTS) throw new TypeError(`vod: ${contentSegs} content segments in the stitched playlist, expected ${VOD_SEGMENTS}`);
    const bytes = Buffer.byteLength(warm.body);
    const bare = await startBareServer(warm.body);
    try {
      const ours = { url: warm.mediaUrl, connections: CONNECTIONS, expectBytes: bytes };
      const base = { url: bare.url, connections: CONNECTIONS, expectBytes: bytes };
      // Both warm (compiled) before anything is timed.
      await runLoad({ ...ours, durationMs: WARMUP_MS });
      await runLoad({ ...base, durationMs: WARMUP_MS });
      const before = new Map(origin.byPath);
      const rounds: { svc: LoadResult; bare: LoadResult }[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        rounds.push({ svc: await runLoad({ ...ours, durationMs: ROUND_MS }), bare: await runLoad({ ...base, durationMs: ROUND_MS }) });
      }
      const served = rounds.reduce((n, r) => n + r.svc.requests, 0);
      // Includes the load's warm-up and drain, so slightly above 1 when the origin is hit once per request.
      const originPerRequest = [...origin.byPath]
        .map(([path, n]) => [path, n - (before.get(path) ?? 0)] as const)
        .filter(([, n]) => n > 0)
        .map(([path, n]) => `${path} ${(n / Math.max(1, served)).toFixed(2)}`)
        .join(', ');
      const ratios = rounds.map((r) => r.svc.rps / r.bare.rps);
      const median = rounds[ratios.indexOf([...ratios].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0)] ?? rounds[0];
      if (median === undefined) throw new TypeError('no rounds');
      const warmCached = await warmSession(cachedService, stream);
      const cached = await runLoad({ url: warmCached.mediaUrl, connections: CONNECTIONS, durationMs: SCENARIO_MS, expectBytes: Buffer.byteLength(warmCached.body) });
      const call = await timeMediaCalls(cachedService, warmCached.mediaUrl, 1_000);
      return { service: median.svc, cached, bare: median.bare, bareRatios: ratios, bytes, originPerRequest, callUs: call.usPerCall };
    } finally {
      await bare.close();
    }
  } finally {
    await service.close();
    await cachedService.close();
  }
}

function stateCost(): Promise<StateCost> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'playlist', 'state-cost.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new TypeError(`state-cost exited ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(last) as StateCost);
    });
  });
}

console.log(`\nplaylist bench: ${cpus().length} CPUs, load average ${load()} (shared machine: treat absolute numbers as rough)`);
console.log(`  load: undici Pool, ${CONNECTIONS} connections, closed loop, ${SCENARIO_MS / 1000} s per scenario, same process as the servers`);
console.log('  origin + VAST: node:http loopback servers in this process, answering from memory');
console.log('  service: default config, log level info (lines written to /dev/null; a successful refresh logs at debug)');

const origin = await startOrigin();
try {
  const live = await throughput(origin, 'live');
  console.log(`\n(a) live media playlist, 6 segments, inside a break (${live.bytes} B out)`);
  console.log(HEADER);
  console.log(row('bare node:http, same bytes (baseline)', live.bare));
  console.log(row('interlude, origin over loopback, live cache ≤ 1 s', live.service, live.bare));
  console.log(row('interlude, origin answered from memory (no socket)', live.cached, live.bare));
  console.log(`  origin requests per service request: ${live.originPerRequest}`);
  console.log(`  PlaybackService.media() in-process, sequential, origin from memory: ${live.callUs.toFixed(0)} µs per call`);
  const liveRatio = live.service.rps / live.bare.rps;
  console.log(`  target ≥ ${TARGETS.liveVsBare}× bare node:http: median round ${liveRatio.toFixed(2)}× ${verdict(liveRatio >= TARGETS.liveVsBare)} (rounds: ${live.bareRatios.map((r) => `${r.toFixed(2)}×`).join(', ')})` +
    ` (by CPU per request: ${(live.bare.cpuUsPerRequest / live.service.cpuUsPerRequest).toFixed(2)}×; origin answered from memory: ${(live.cached.rps / live.bare.rps).toFixed(2)}×)`);

  const vod = await throughput(origin, 'vod');
  const hs = await startHlsSpliceServer(origin.base);
  let hsLoad: LoadResult;
  try {
    const hsLines = hs.sampleBody.split('\n');
    const hsAds = hsLines.filter((l) => l.includes('spot-')).length;
    const hsContent = hsLines.filter((l) => /\/seg-\d+\.ts$/.test(l)).length;
    if (hsAds !== EXPECTED_AD_SEGMENTS.vod || hsContent !== VOD_SEGMENTS) throw new TypeError(`hls-splice: ${hsAds} ad and ${hsContent} content segments, expected ${EXPECTED_AD_SEGMENTS.vod} and ${VOD_SEGMENTS}`);
    hsLoad = await runLoad({ url: hs.url, connections: 4, durationMs: SCENARIO_MS, expectBytes: Buffer.byteLength(hs.sampleBody) });
  } finally {
    await hs.close();
  }
  const hsCall = await timeHlsSpliceCalls(origin.base, 1_000);
  console.log(`\n(b) VOD media playlist, 1,800 segments, 4 breaks (${vod.bytes} B out)`);
  console.log(HEADER);
  console.log(row('@eyevinn/hls-splice per request, inputs in memory', hsLoad));
  console.log(row('bare node:http, same bytes', vod.bare, hsLoad));
  console.log(row('interlude, origin fetched over loopback per request', vod.service, hsLoad));
  console.log(row('interlude, origin answered from memory (no socket)', vod.cached, hsLoad));
  console.log(`  origin requests per service request: ${vod.originPerRequest}`);
  console.log(`  in-process, sequential, no HTTP: hls-splice ${(hsCall.msPerCall * 1000).toFixed(0)} µs per call (${hsCall.calls} calls); PlaybackService.media() ${vod.callUs.toFixed(0)} µs per call (origin from memory): ${(hsCall.msPerCall * 1000 / vod.callUs).toFixed(1)}×`);
  const vodRatio = vod.service.rps / hsLoad.rps;
  console.log(`  target ≥ ${TARGETS.vodVsHlsSplice}× hls-splice: ${vodRatio.toFixed(1)}× ${verdict(vodRatio >= TARGETS.vodVsHlsSplice)}` +
    ` (by CPU per request: ${(hsLoad.cpuUsPerRequest / vod.service.cpuUsPerRequest).toFixed(1)}×; service vs bare node:http: ${(vod.service.rps / vod.bare.rps).toFixed(2)}×)`);
} finally {
  await origin.close();
}

const state = await stateCost();
const mb = state.heap.deltaBytes / 1024 / 1024;
console.log(`\n(c) state cost (child process, --expose-gc)`);
console.log(`  embedded default: ${state.heap.sessions} live sessions inside a break, one media playlist each: heap + Buffers +${mb.toFixed(1)} MB (${(state.heap.bufferBytes / 1024 / 1024).toFixed(1)} MB of it Buffers)` +
  ` (${state.heap.bytesPerSession.toFixed(0)} B/session, ${state.heap.afterMasterPerSession.toFixed(0)} B of it after the multivariant request alone; ${state.heap.seconds.toFixed(0)} s)` +
  `  target ≤ ${TARGETS.heapMb} MB: ${verdict(mb <= TARGETS.heapMb)}`);
if (state.redis === undefined) {
  console.log(`  Redis: skipped (${state.redisSkipped ?? 'unavailable'})`);
} else {
  const r = state.redis;
  console.log(`  Redis (${r.server}): ${r.sessions} live sessions: ${r.keysPerSession.toFixed(1)} keys and ${r.bytesPerSession.toFixed(0)} B (MEMORY USAGE) per session  target ≤ ${TARGETS.redisBytes} B: ${verdict(r.bytesPerSession <= TARGETS.redisBytes)}`);
  const t = state.redisTuned;
  if (t !== undefined) {
    console.log(`  Redis (${t.server}, as docker-compose.yml sets it): ${t.keysPerSession.toFixed(1)} keys and ${t.bytesPerSession.toFixed(0)} B per session  target ≤ ${TARGETS.redisBytes} B: ${verdict(t.bytesPerSession <= TARGETS.redisBytes)}`);
  }
  const kinds = Object.entries(r.byKind).map(([k, v]) => `${k} ${v.toFixed(0)} B`).join(', ');
  const fields = Object.entries(r.fieldBytes).map(([k, v]) => `${k} ${v} B`).join(', ');
  console.log(`    by key: ${kinds}; value sizes of one session: ${fields}`);
  for (const s of ['live', 'vod'] as const) {
    const p = r.perRequest[s];
    const by = Object.entries(p.byCommand).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
    // The fraction above 1 is the channel re-read every 2 s (per-instance channel cache).
    console.log(`  Redis per ${s} media playlist request (${p.requests} sequential, warmed session): ${p.writes.toFixed(2)} client writes (round trips), ` +
      `${p.commands.toFixed(2)} commands run by Redis incl. inside Lua scripts [${by}]` +
      `  target ${TARGETS.redisRoundTrips} pipelined round trip: ${verdict(p.writes < TARGETS.redisRoundTrips + 0.05)}`);
  }
}
console.log(`\nplaylist bench took ${((performance.now() - started) / 1000).toFixed(1)} s; load average now ${load()}`);
