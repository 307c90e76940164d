/**
 * Readiness: can this instance serve ads right now? Components register a check (Redis
 * ping, say); `/readyz` runs them all in parallel and answers 200 only when every one
 * passes. Liveness (`/healthz`) does not use this: a Redis outage must not get the
 * process restarted, because content still plays without ads.
 */
export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** A check resolves with its result; a rejection or a timeout counts as a failure. */
export type ReadinessCheck = () => Promise<CheckResult | void>;

export interface CheckReport {
  readonly ok: boolean;
  readonly reason?: string;
  readonly durationMs: number;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckReport>>;
}

export interface ReadinessRegistry {
  /** Adds a named check. Names are unique; registering a name again replaces the check. */
  register(name: string, check: ReadinessCheck, timeoutMs?: number): void;
  run(): Promise<ReadinessReport>;
}

const DEFAULT_TIMEOUT_MS = 1_000;

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function createReadiness(now: () => number = () => performance.now()): ReadinessRegistry {
  const checks = new Map<string, { check: ReadinessCheck; timeoutMs: number }>();

  async function runOne(check: ReadinessCheck, timeoutMs: number): Promise<CheckReport> {
    const started = now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: `timed out after ${timeoutMs} ms` }), timeoutMs);
    });
    try {
      const result = await Promise.race([check().then((r) => r ?? { ok: true as const }), timeout]);
      const durationMs = Math.round(now() - started);
      return result.ok ? { ok: true, durationMs } : { ok: false, reason: result.reason, durationMs };
    } catch (e) {
      return { ok: false, reason: describe(e), durationMs: Math.round(now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    register(name, check, timeoutMs = DEFAULT_TIMEOUT_MS) {
      checks.set(name, { check, timeoutMs });
    },
    async run() {
      const entries = [...checks.entries()];
      const reports = await Promise.all(entries.map(([, c]) => runOne(c.check, c.timeoutMs)));
      const out: Record<string, CheckReport> = {};
      entries.forEach(([name], i) => { out[name] = reports[i] as CheckReport; });
      return { ready: reports.every((r) => r.ok), checks: out };
    },
  };
}
