// A bounded closed-loop HTTP load from this process: `connections` keep-alive sockets on an
// undici Pool, one request in flight per socket, for a fixed time. Each answer is read in full
// and its length checked, so a server that answers fast but wrong is not counted.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface LoadOptions {
  /** The whole URL of the one resource requested. */
  readonly url: string;
  readonly connections: number;
  readonly durationMs: number;
  /** Body length every 200 must have (bytes). */
  readonly expectBytes: number;
  readonly warmupMs?: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Process CPU (user + system, this whole process: servers and load generator) per request. */
  readonly cpuUsPerRequest: number;
  readonly firstError?: string;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const u = new URL(o.url);
  const pool = new Pool(u.origin, { connections: o.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const path = `${u.pathname}${u.search}`;
  let measuring = false;
  let stop = false;
  let requests = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];

  async function one(): Promise<void> {
    const t0 = performance.now();
    try {
      const res = await pool.request({ path, method: 'GET' });
      let bytes = 0;
      for await (const chunk of res.body) bytes += (chunk as Buffer).length;
      if (res.statusCode !== 200 || bytes !== o.expectBytes) throw new TypeError(`status ${res.statusCode}, ${bytes} bytes (expected ${o.expectBytes})`);
      if (measuring) {
        requests++;
        if (requests % 8 === 0) latencies.push(performance.now() - t0);
      }
    } catch (e) {
      if (measuring) errors++;
      firstError ??= e instanceof Error ? e.message : String(e);
    }
  }

  async function worker(): Promise<void> {
    while (!stop) await one();
  }

  const workers = Array.from({ length: o.connections }, () => worker());
  await sleep(o.warmupMs ?? 300);
  measuring = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(o.durationMs);
  measuring = false;
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  stop = true;
  await Promise.all(workers);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    requests,
    errors,
    rps: (requests * 1000) / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    cpuUsPerRequest: (cpu.user + cpu.system) / Math.max(1, requests),
    ...(firstError === undefined ? {} : { firstError }),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
