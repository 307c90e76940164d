/**
 * A tiny timing helper for test/bench/*.bench.ts: warm up, then run each case for a time box
 * (or a fixed number of iterations), report µs per operation, and print a table with each
 * case's ratio to a chosen baseline. Benchmarks register themselves with `suite()`; run.ts
 * imports every bench file and calls `runSuites()`.
 */
import { performance } from 'node:perf_hooks';

export interface BenchCase {
  readonly name: string;
  readonly fn: () => unknown;
}

export interface BenchOptions {
  readonly warmupMs?: number;
  /** Time box per case. */
  readonly timeMs?: number;
  /** Minimum iterations per case, whatever the time box. */
  readonly minIterations?: number;
}

export interface BenchResult {
  readonly name: string;
  readonly usPerOp: number;
  readonly iterations: number;
}

export interface Suite {
  readonly title: string;
  readonly cases: readonly BenchCase[];
  /** Name of the case ratios are computed against. */
  readonly baseline: string;
  readonly options?: BenchOptions;
  /** Called with the results, e.g. to check a target. Returns lines to print after the table. */
  readonly verdict?: (results: readonly BenchResult[]) => string[];
}

const suites: Suite[] = [];

export function suite(s: Suite): void {
  suites.push(s);
}

// A sink the optimiser cannot prove unused, so benchmarked calls are not eliminated.
let blackhole: unknown;

function measure(c: BenchCase, opts: Required<BenchOptions>): BenchResult {
  const warmEnd = performance.now() + opts.warmupMs;
  while (performance.now() < warmEnd) blackhole = c.fn();
  let iterations = 0;
  const t0 = performance.now();
  let t = t0;
  // Time in batches so the clock read is not what we measure.
  let batch = 1;
  while (t - t0 < opts.timeMs || iterations < opts.minIterations) {
    for (let k = 0; k < batch; k++) blackhole = c.fn();
    iterations += batch;
    t = performance.now();
    if (t - t0 < opts.timeMs / 20) batch *= 2;
  }
  return { name: c.name, usPerOp: ((t - t0) * 1000) / iterations, iterations };
}

export function runSuite(s: Suite): readonly BenchResult[] {
  const opts: Required<BenchOptions> = { warmupMs: 300, timeMs: 1000, minIterations: 20, ...s.options };
  const results = s.cases.map((c) => measure(c, opts));
  const base = results.find((r) => r.name === s.baseline);
  const width = Math.max(...results.map((r) => r.name.length), 4);
  const rows = results.map((r) => {
    const ratio = base === undefined ? '' : `${(r.usPerOp / base.usPerOp).toFixed(2)}×`;
    return `  ${r.name.padEnd(width)}  ${r.usPerOp.toFixed(1).padStart(10)} µs/op  ${String(r.iterations).padStart(8)} iters  ${ratio.padStart(7)}`;
  });
  console.log(`\n${s.title}  (ratio vs ${s.baseline})`);
  console.log(rows.join('\n'));
  for (const line of s.verdict?.(results) ?? []) console.log(`  ${line}`);
  return results;
}

export function runSuites(): void {
  for (const s of suites) runSuite(s);
  if (blackhole === Symbol.for('never')) console.log('');
}
