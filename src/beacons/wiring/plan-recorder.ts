/**
 * Remembers, per instance, where each break of a session's tracking rendition sits, from the
 * plans the media path splices (its `onPlaylistPlanned` hook). Server-side firing reads it
 * for [BREAKPOSITION] and [MEDIAPLAYHEAD] without a store read; an instance that never served
 * the session's playlist falls back (segment-firing.ts). Nothing is stored: the tracking API
 * derives its plan on request (PlaybackService.tracking).
 */
import type { Micros, SplicePlan } from '../../../manifests/index.js';
import type { BreakPosition } from '../beacon-job.js';
import { breakPositionOf } from '../firing/break-context.js';
import { LruCache } from '../../manifest-service/lru-cache.js';
import type { PlaylistPlanHook, SplicedPlaylist } from '../../manifest-service/playback-service.js';
import { trackingRendition } from './tracking-plan.js';

/** Where a break sits in the session's tracking plan, as this instance last built it. */
export interface BreakPlacement {
  readonly startUs: Micros;
  readonly mode: SplicePlan['mode'];
  /** [BREAKPOSITION]: VOD breaks at 0 are pre-rolls, those running to the end post-rolls. */
  readonly position: BreakPosition;
}

export class PlanRecorder {
  readonly #placements: LruCache<ReadonlyMap<string, BreakPlacement>>;

  constructor(maxSessions = 20_000) {
    this.#placements = new LruCache(maxSessions);
  }

  readonly hook: PlaylistPlanHook = (planned: SplicedPlaylist): void => {
    if (trackingRendition(planned.map.e) !== planned.rendition || planned.plan.breaks.length === 0) return;
    this.#placements.set(planned.session.id, placementsOf(planned.plan, planned.outputEndUs));
  };

  /** The break's placement if this instance built the session's tracking playlist. */
  placement(sessionId: string, breakId: string): BreakPlacement | undefined {
    return this.#placements.get(sessionId)?.get(breakId);
  }
}

function placementsOf(plan: SplicePlan, outputEndUs: Micros | undefined): Map<string, BreakPlacement> {
  const hints = outputEndUs === undefined ? {} : { outputEndUs };
  return new Map(plan.breaks.map((b) => [b.breakId, { startUs: b.startUs, mode: plan.mode, position: breakPositionOf(b, plan.mode, hints) }]));
}
