/**
 * Frequency capping: how many ads each advertiser domain showed one viewer within a window.
 * The viewer is the device's advertising id (`ifa`) when the player sent one and did not ask
 * for limited tracking, else the session id (stable for the session, nothing more).
 *
 * Contract (both implementations):
 * - `counts` returns, for each domain asked about, the ads recorded for (viewer, domain) at
 *   or after `nowMs - windowMs`; domains never recorded count 0.
 * - `record` adds one ad per domain at `nowMs`. Recording happens when the pod is decided
 *   (not at impression): a decided pod is what the viewer will be shown.
 * - Neither rejects for a backend fault that the caller could survive: a Redis store that
 *   cannot answer resolves `counts` with zeros (capping off beats no ads).
 */
export interface FrequencyCapStore {
  counts(viewerId: string, domains: readonly string[], windowMs: number, nowMs: number): Promise<ReadonlyMap<string, number>>;
  /** `windowMs`: the recording channel's cap window; the store keeps the ad at least that long. */
  record(viewerId: string, domains: readonly string[], nowMs: number, windowMs?: number): Promise<void>;
}

/** In-process store; entries older than `retainMs` are pruned as they are touched. */
export class MemoryFrequencyCapStore implements FrequencyCapStore {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly retainMs = 7 * 24 * 3_600_000) {}

  counts(viewerId: string, domains: readonly string[], windowMs: number, nowMs: number): Promise<ReadonlyMap<string, number>> {
    const out = new Map<string, number>();
    for (const d of domains) {
      const times = this.prune(key(viewerId, d), nowMs);
      out.set(d, times.filter((t) => t >= nowMs - windowMs).length);
    }
    return Promise.resolve(out);
  }

  record(viewerId: string, domains: readonly string[], nowMs: number): Promise<void> {
    for (const d of domains) {
      const k = key(viewerId, d);
      this.seen.set(k, [...this.prune(k, nowMs), nowMs]);
    }
    return Promise.resolve();
  }

  private prune(k: string, nowMs: number): number[] {
    const kept = (this.seen.get(k) ?? []).filter((t) => t >= nowMs - this.retainMs);
    if (kept.length === 0) this.seen.delete(k);
    else this.seen.set(k, kept);
    return kept;
  }
}

function key(viewerId: string, domain: string): string {
  return `${viewerId}\u0000${domain}`;
}

/** The id capping counts against: ifa unless limited tracking is on, else the session. */
export function viewerIdOf(playerParams: Readonly<Record<string, string>>, sessionId: string): string {
  const ifa = playerParams.ifa;
  if (ifa !== undefined && ifa !== '' && playerParams.lmt !== '1' && !/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(ifa)) return `ifa:${ifa}`;
  return `session:${sessionId}`;
}
