/**
 * The playlist bench's state half, run in its own process because it needs `--expose-gc`
 * (playlist.bench.ts spawns `node --expose-gc --import tsx` on this file) and a clean heap:
 * - heap per live session inside a break on the embedded default stores;
 * - Redis bytes per session (`MEMORY USAGE` over the keys the sessions added) under a key
 *   prefix of the bench's own, removed afterwards;
 * - Redis commands and client writes (round trips) per media playlist request.
 * Prints one JSON line (StateCost) on stdout, last.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { Logger } from '../../../src/observability/logger.js';
import type { SessionStartFacts } from '../../../src/sessions/session-service.js';
import { PATHS } from './inputs.js';
import { memoryFetcher, startBenchService, startOrigin, warmSession, type BenchService, type Origin, type Stream } from './world.js';
import { freePort } from '../../support/free-port.js';

export interface StateCost {
  readonly heap: {
    sessions: number;
    /** heapUsed plus Buffer memory (answered playlists live in Buffers, outside the JS heap). */
    deltaBytes: number;
    /** Of deltaBytes, Buffer (ArrayBuffer) memory. */
    bufferBytes: number;
    bytesPerSession: number;
    /** After the multivariant request only (session + rendition map), per session. */
    afterMasterPerSession: number;
    seconds: number;
  };
  readonly redis?: {
    server: string;
    sessions: number;
    keysPerSession: number;
    bytesPerSession: number;
    /** Bytes per session by key kind (`s:{*}`, `s:{*}:live`, …) and, for hashes, by field. */
    byKind: Record<string, number>;
    fieldBytes: Record<string, number>;
    perRequest: Record<Stream, { requests: number; commands: number; writes: number; byCommand: Record<string, number> }>;
  };
  readonly redisSkipped?: string;
  /** The same on a server with the recommended hash encoding setting (README, Redis). */
  readonly redisTuned?: StateCost['redis'];
}

const FACTS: SessionStartFacts = { playerParams: {}, clientIp: '127.0.0.1', userAgent: 'interlude-bench', reportingMode: 'server' };
const HEAP_SESSIONS = 10_000;
const REDIS_SESSIONS = 1_000;
const PER_REQUEST_SAMPLES = 200;
/**
 * What the README recommends for a Redis that holds sessions: a session is one hash of a few
 * packed values of 50–150 B, and above Redis's default of 64 B per value the hash leaves the
 * compact listpack encoding for a table that costs ~60 B more per field.
 */
const RECOMMENDED_REDIS_CONFIG = ['--hash-max-listpack-value', '256'];

/**
 * Full collections after the current job has ended: V8 keeps every WeakRef target created in
 * a job alive until the job ends (AbortSignal.any makes WeakRefs per decision), and a loop of
 * awaits on already-settled promises never ends its job; collecting inside it counts those.
 */
async function gc(): Promise<void> {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g === undefined) throw new TypeError('state-cost needs node --expose-gc');
  await new Promise((r) => setTimeout(r, 20));
  for (let i = 0; i < 3; i++) g();
}

async function pool(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Starts `count` live sessions (multivariant playlist); returns their ids. */
async function startSessions(service: BenchService, count: number): Promise<string[]> {
  const { playback, logger } = service.app.services;
  const ids = new Array<string>(count);
  await pool(count, 50, async (i) => {
    ids[i] = (await playback.master('bench-live', PATHS.liveMaster, { kind: 'new', facts: FACTS }, logger)).session.id;
  });
  return ids;
}

/** Each session's media playlist once, inside the break. */
async function serveMedia(service: BenchService, ids: readonly string[]): Promise<void> {
  const { playback, logger } = service.app.services;
  const log: Logger = logger;
  await pool(ids.length, 50, async (i) => {
    const id = ids[i] ?? '';
    const text = await playback.media('bench-live', id, 0, log);
    // What the HTTP edge does with the body (express sizes it): V8 flattens the rope the
    // serializer built, in place, so the copy kept for origin failures is flat too.
    Buffer.byteLength(text);
    if (!text.includes('/v1/segment/')) throw new TypeError(`session ${id}: no ad segments in its media playlist`);
  });
}

async function liveSessions(service: BenchService, count: number): Promise<void> {
  await serveMedia(service, await startSessions(service, count));
}

async function heapCost(origin: Origin): Promise<StateCost['heap']> {
  const service = await startBenchService(origin, { fetcher: memoryFetcher(origin) });
  try {
    // Caches that do not grow with sessions (channel, creatives, compiled code) filled first.
    await warmSession(service, 'live');
    await liveSessions(service, 200);
    // The id array itself is held across both measurements: allocate it before the baseline.
    const ids = new Array<string>(HEAP_SESSIONS).fill('');
    await gc();
    const t0 = performance.now();
    const used = () => {
      const m = process.memoryUsage();
      return { all: m.heapUsed + m.arrayBuffers, buffers: m.arrayBuffers };
    };
    const before = used();
    const started = await startSessions(service, HEAP_SESSIONS);
    started.forEach((id, i) => (ids[i] = id));
    started.length = 0;
    await gc();
    const afterMaster = used().all - before.all;
    await serveMedia(service, ids);
    await gc();
    const after = used();
    const deltaBytes = after.all - before.all;
    return {
      sessions: HEAP_SESSIONS,
      deltaBytes,
      bufferBytes: after.buffers - before.buffers,
      bytesPerSession: deltaBytes / HEAP_SESSIONS,
      afterMasterPerSession: afterMaster / HEAP_SESSIONS,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await service.close();
  }
}

// ---- Redis ------------------------------------------------------------------------------

async function pings(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  const ok = await probe.connect().then(() => probe.ping()).then(() => true, () => false);
  probe.disconnect();
  return ok;
}

/** A private redis-server (clean command counters), else the test Redis; undefined if neither. */
async function openRedis(config: readonly string[] = []): Promise<{ url: string; label: string; child?: ChildProcess } | undefined> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...config], { stdio: 'ignore' });
  const failed = new Promise<boolean>((r) => child.once('error', () => r(true)));
  for (let i = 0; i < 50; i++) {
    if (await Promise.race([failed, new Promise<boolean>((r) => setTimeout(() => r(false), 100))])) break;
    if (await pings(`redis://127.0.0.1:${port}`)) return { url: `redis://127.0.0.1:${port}`, label: `private redis-server on :${port}${config.length > 0 ? ` with ${config.join(' ')}` : ''}`, child };
  }
  child.kill();
  // A tuned server is ours to start or nothing: the shared one's settings are not ours to change.
  if (config.length > 0) return undefined;
  const shared = process.env.INTERLUDE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  return (await pings(shared)) ? { url: shared, label: `shared Redis ${shared} (command counts include other clients)` } : undefined;
}

async function scanKeys(client: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    out.push(...keys);
  } while (cursor !== '0');
  return out;
}

async function commandCounts(client: Redis): Promise<Map<string, number>> {
  const info = await client.info('commandstats');
  const counts = new Map<string, number>();
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) counts.set(m[1] ?? '', Number(m[2]));
  return counts;
}

/** Counts socket writes of an ioredis client: one per single command, one per pipeline. */
function countWrites(client: Redis): { reset(): void; count(): number } {
  const stream = (client as unknown as { stream: { write: (...a: unknown[]) => boolean } }).stream;
  const original = stream.write.bind(stream);
  let n = 0;
  stream.write = (...a: unknown[]) => {
    n++;
    return original(...a);
  };
  return { reset: () => void (n = 0), count: () => n };
}

async function redisCost(origin: Origin, config: readonly string[] = []): Promise<Pick<StateCost, 'redis' | 'redisSkipped'>> {
  const opened = await openRedis(config);
  if (opened === undefined) return { redisSkipped: 'no redis-server binary and nothing on INTERLUDE_TEST_REDIS_URL / :6379' };
  // A private server holds nothing else: the deployment's default prefix, whose length is in
  // every key's bytes. A shared one gets a prefix of the bench's own (removed afterwards).
  const prefix = opened.child === undefined ? `bench-playlist:${randomUUID().slice(0, 8)}:` : 'interlude:';
  const client = new Redis(opened.url, { maxRetriesPerRequest: 1 });
  const admin = new Redis(opened.url, { maxRetriesPerRequest: 1 });
  // The private server is killed at the end; late reconnect attempts are not news.
  for (const c of [client, admin]) c.on('error', () => undefined);
  let service: BenchService | undefined;
  try {
    service = await startBenchService(origin, { fetcher: memoryFetcher(origin), redis: { client, prefix } });
    const warm = { live: await warmSession(service, 'live'), vod: await warmSession(service, 'vod') };
    const before = new Set(await scanKeys(admin, prefix));
    await liveSessions(service, REDIS_SESSIONS);
    const added = (await scanKeys(admin, prefix)).filter((k) => !before.has(k));
    let bytes = 0;
    const byKind: Record<string, number> = {};
    for (let i = 0; i < added.length; i += 500) {
      const chunk = added.slice(i, i + 500);
      const p = admin.pipeline();
      for (const k of chunk) p.memory('USAGE', k, 'SAMPLES', '0');
      ((await p.exec()) ?? []).forEach(([, v], j) => {
        const n = typeof v === 'number' ? v : 0;
        bytes += n;
        const kind = (chunk[j] ?? '').slice(prefix.length).replace(/\{[^}]*\}/, '{*}');
        byKind[kind] = (byKind[kind] ?? 0) + n / REDIS_SESSIONS;
      });
    }
    // Value sizes of one session's keys (hash fields as stored, packed): what the bytes are made of.
    const fieldBytes: Record<string, number> = {};
    const tag = /\{[^}]*\}/.exec(added[0] ?? '')?.[0];
    for (const key of tag === undefined ? [] : added.filter((k) => k.includes(tag))) {
      const kind = key.slice(prefix.length).replace(/\{[^}]*\}/, '{*}');
      if ((await admin.type(key)) === 'hash') {
        const hash = await admin.hgetallBuffer(key);
        for (const [field, value] of Object.entries(hash)) fieldBytes[`${kind}.${field.length > 24 ? `${field.slice(0, 20)}…` : field}`] = value.length;
      } else if ((await admin.type(key)) === 'string') {
        fieldBytes[kind] = (await admin.getBuffer(key))?.length ?? 0;
      }
    }
    const writes = countWrites(client);
    const perRequest = {} as Record<Stream, { requests: number; commands: number; writes: number; byCommand: Record<string, number> }>;
    for (const stream of ['live', 'vod'] as const) {
      // Sequential on purpose: each request's commands and writes are its own.
      const c0 = await commandCounts(admin);
      writes.reset();
      for (let i = 0; i < PER_REQUEST_SAMPLES; i++) {
        const res = await fetch(warm[stream].mediaUrl);
        await res.text();
      }
      const w = writes.count();
      const c1 = await commandCounts(admin);
      const byCommand: Record<string, number> = {};
      let commands = 0;
      for (const [name, calls] of c1) {
        if (['info', 'memory', 'scan', 'ping', 'client|setinfo', 'client'].includes(name)) continue;
        const d = calls - (c0.get(name) ?? 0);
        if (d > 0) {
          byCommand[name] = d / PER_REQUEST_SAMPLES;
          commands += d;
        }
      }
      perRequest[stream] = { requests: PER_REQUEST_SAMPLES, commands: commands / PER_REQUEST_SAMPLES, writes: w / PER_REQUEST_SAMPLES, byCommand };
    }
    return {
      redis: { server: opened.label, sessions: REDIS_SESSIONS, keysPerSession: added.length / REDIS_SESSIONS, bytesPerSession: bytes / REDIS_SESSIONS, byKind, fieldBytes, perRequest },
    };
  } finally {
    await service?.close();
    for (const k of await scanKeys(admin, prefix).catch(() => [])) await admin.del(k);
    client.disconnect(false);
    admin.disconnect(false);
    opened.child?.kill();
  }
}

const origin = await startOrigin();
try {
  const heap = await heapCost(origin);
  // INTERLUDE_BENCH_HEAP_ONLY=1: the embedded default only (quicker while tuning it).
  const heapOnly = process.env.INTERLUDE_BENCH_HEAP_ONLY === '1';
  const redis = heapOnly ? { redisSkipped: 'INTERLUDE_BENCH_HEAP_ONLY' } : await redisCost(origin);
  const tuned = heapOnly ? undefined : (await redisCost(origin, RECOMMENDED_REDIS_CONFIG)).redis;
  const result: StateCost = { heap, ...redis, ...(tuned === undefined ? {} : { redisTuned: tuned }) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await origin.close();
}
