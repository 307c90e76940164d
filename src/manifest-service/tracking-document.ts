/**
 * The client-side tracking summary (`GET /v1/tracking/:session`): the session's decided
 * avails with their ads, durations and beacon URLs, in decision order. Start times within
 * the stream are not included yet: they come from the splice plan, which is not stored.
 */
import { microsToSeconds, type Pod } from '../../manifests/index.js';
import type { Session } from '../sessions/session.js';

export interface TrackingAd {
  readonly id: string;
  readonly adId: string;
  readonly creativeId: string;
  readonly sequence: number;
  readonly durationSec: number;
  readonly trackingEvents: Readonly<Record<string, readonly string[]>>;
}

export interface TrackingAvail {
  readonly breakId: string;
  readonly source: string;
  readonly durationSec: number;
  readonly ads: readonly TrackingAd[];
}

export interface TrackingDocument {
  readonly sessionId: string;
  readonly channelId: string;
  readonly avails: readonly TrackingAvail[];
}

export function adSummary(session: Session, pods: readonly Pod[]): TrackingDocument {
  return {
    sessionId: session.id,
    channelId: session.channelId,
    avails: pods.filter((p) => p.ads.length > 0).map((p) => ({
      breakId: p.breakId,
      source: p.source,
      durationSec: microsToSeconds(p.filledUs),
      ads: p.ads.map((a) => ({ id: a.id, adId: a.adId, creativeId: a.creativeId, sequence: a.sequence, durationSec: microsToSeconds(a.durationUs), trackingEvents: a.tracking })),
    })),
  };
}
