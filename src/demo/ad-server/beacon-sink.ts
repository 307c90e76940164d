import type { Clock } from '../../sessions/clock.js';

/** One beacon the demo ad server received. */
export interface BeaconHit {
  /** `e` query parameter: impression, start, firstQuartile, …, error. */
  readonly event: string;
  /** `ad` query parameter: the creative id. */
  readonly adId: string;
  /** `sid` query parameter: the session id the VAST request carried. */
  readonly sessionId: string;
  /** `pos` query parameter: the ad's sequence in its pod. */
  readonly position: string;
  /** Every query parameter as received (macros such as `[ERRORCODE]` expanded or not). */
  readonly query: Readonly<Record<string, string>>;
  /** `X-Device-IP` / `X-Device-User-Agent` as the IAB SSAI guidance asks servers to forward. */
  readonly deviceIp?: string;
  readonly deviceUserAgent?: string;
  readonly userAgent?: string;
  readonly receivedAtMs: number;
}

export interface BeaconFilter {
  readonly sessionId?: string;
  readonly adId?: string;
  readonly event?: string;
}

/**
 * An in-memory record of beacons, oldest first, capped so a long demo run cannot grow without
 * bound (the oldest hits are dropped first). For debugging and tests only: nothing is persisted.
 */
export class BeaconSink {
  private readonly hits: BeaconHit[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 10_000,
  ) {}

  record(hit: Omit<BeaconHit, 'receivedAtMs'>): BeaconHit {
    const full: BeaconHit = { ...hit, receivedAtMs: this.clock.nowMs() };
    this.hits.push(full);
    if (this.hits.length > this.capacity) this.hits.splice(0, this.hits.length - this.capacity);
    return full;
  }

  list(filter: BeaconFilter = {}): BeaconHit[] {
    return this.hits.filter(
      (h) =>
        (filter.sessionId === undefined || h.sessionId === filter.sessionId) &&
        (filter.adId === undefined || h.adId === filter.adId) &&
        (filter.event === undefined || h.event === filter.event),
    );
  }

  clear(): void {
    this.hits.length = 0;
  }
}
