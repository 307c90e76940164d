// A worker process killed with SIGKILL in the middle of an encode (BullMQ): the job's lock
// lapses, the next `interlude worker` takes it back (stalled-job recovery) and finishes it,
// and the store holds one published copy, not two.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONDITION_JOB_NAME, conditionJobId, profileSetKey, DEFAULT_LOUDNESS_TARGET } from '../../transcode/index.js';
import type { JsonValue } from '../../src/errors/index.js';
import { BullMqJobQueue } from '../../src/queue/bullmq-queue.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { openTestRedis, type TestRedis } from '../support/redis.js';
import { makeCreative, tempDir } from '../transcode/support/media.js';
import { demoProfiles } from '../transcode/support/profiles.js';

const CHILD = join(import.meta.dirname, 'conditioning-worker-child.ts');

let redis: TestRedis;
let tmp: { dir: string; cleanup(): Promise<void> };
let media: LoopbackServer;
let queue: BullMqJobQueue;
const children: ChildProcess[] = [];

function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('interlude worker: running')) resolve();
    });
    child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  redis = openTestRedis('condkill');
  tmp = await tempDir('kill');
  const source = await readFile(makeCreative(tmp.dir, 'long.mp4', { width: 640, height: 360, fps: 30, durationSec: 24 }));
  media = await startLoopbackServer((_req, res) => void res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(source.length) }).end(source));
  queue = new BullMqJobQueue({ redisUrl: redis.url, prefix: `${redis.prefix}bull` });
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.pid !== undefined) {
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch { /* already gone */ }
  }
  await queue?.close();
  await media?.close();
  await redis?.cleanup();
  await tmp?.cleanup();
});

describe('interlude worker killed with SIGKILL mid-job (BullMQ)', () => {
  it('the job is taken back by the next worker and finishes once, with one stored copy', async () => {
    const storeDir = join(tmp.dir, 'store');
    const configPath = join(tmp.dir, 'config.json');
    await writeFile(configPath, JSON.stringify({
      logging: { level: 'warn' },
      redis: { keyPrefix: redis.prefix },
      conditioning: { storeDir, preset: 'veryfast', concurrency: 1 },
    }));
    const env = { ...process.env, REDIS_URL: redis.url, INTERLUDE_CONFIG: configPath };

    const profiles = demoProfiles();
    const jobId = conditionJobId({ identity: 'kill-test', profileSetKey: profileSetKey(profiles, DEFAULT_LOUDNESS_TARGET) });
    const data = { identity: 'kill-test', mediaFiles: [{ url: media.url('/long.mp4'), mimeType: 'video/mp4', delivery: 'progressive' }], profiles } as unknown as JsonValue;
    await queue.add(CONDITION_JOB_NAME, data, { jobId, attempts: 3 });

    const first = startWorker(env);
    await first.ready;
    // kill once the encode is under way (progress past the loudness pass)
    const midway = await until('the encode to start', 30_000, async () => {
      const j = await queue.getJob(CONDITION_JOB_NAME, jobId);
      return j?.state === 'active' && typeof j.progress === 'number' && j.progress >= 30 ? j : undefined;
    });
    expect(midway.progress).toBeLessThan(100);
    process.kill(-(first.child.pid ?? 0), 'SIGKILL'); // the worker and its ffmpeg, as a container kill would
    await first.exited;
    expect((await queue.getJob(CONDITION_JOB_NAME, jobId))?.state).toBe('active'); // lock still held by the dead worker

    const second = startWorker(env);
    await second.ready;
    const done = await until('the job to complete', 45_000, async () => {
      const j = await queue.getJob(CONDITION_JOB_NAME, jobId);
      if (j?.state === 'failed') throw new Error(`job failed: ${j.failedReason ?? ''}`);
      return j?.state === 'completed' ? j : undefined;
    });
    const key = (done.returnValue as { key?: string } | undefined)?.key ?? '';
    expect(key).toMatch(/^[0-9a-f]{24}-[0-9a-f]{16}$/);
    const published = (await readdir(storeDir)).filter((n) => !n.startsWith('.'));
    expect(published).toEqual([key]);
    expect(await readFile(join(storeDir, key, 'master.m3u8'), 'utf8')).toContain('#EXT-X-STREAM-INF');

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);
});
