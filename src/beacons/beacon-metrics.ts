/**
 * Counters the beacon processor reports into; the composition root backs them with
 * prom-client (`interlude_beacons_sent_total{event}` …). Each beacon is counted once as
 * sent or failed at the end; `retried` counts attempts that will be tried again.
 */
export interface BeaconMetrics {
  sent(event: string): void;
  retried(event: string): void;
  failed(event: string): void;
}

export const noopBeaconMetrics: BeaconMetrics = {
  sent: () => undefined,
  retried: () => undefined,
  failed: () => undefined,
};
