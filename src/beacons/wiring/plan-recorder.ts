/**
 * Stores the tracking rendition's plan when a media playlist is built (the media path's
 * `onPlaylistPlanned` hook), and remembers it per instance.
 *
 * Cost on the media path: nothing for other renditions; for the tracking rendition one
 * `putLiveState` only when the plan differs from what this instance last wrote for the
 * session (VOD: once; live: while a break is in the window its times move with the window).
 * The write is issued before the live-state write and awaited after it, so both share one
 * round trip. A failed write is logged and the playlist is served anyway: the tracking API
 * then shows the previous plan.
 *
 * The per-instance memory also gives server-side firing each break's start and the plan's
 * mode ([BREAKPOSITION], [MEDIAPLAYHEAD]) without a store read; an instance that never
 * served the session's playlist falls back (segment-firing.ts).
 */
import { createHash } from 'node:crypto';
import type { Micros, SplicePlan } from '../../../manifests/index.js';
import { LruCache } from '../../manifest-service/lru-cache.js';
import type { PlaylistPlanHook, SplicedPlaylist } from '../../manifest-service/playback-service.js';
import type { Logger } from '../../observability/logger.js';
import type { SessionStore } from '../../sessions/session-store.js';
import { toStoredPlan, trackingRendition, TRACKING_PLAN_KEY } from './tracking-plan.js';

/** Where a break sits in the session's tracking plan, as this instance last built it. */
export interface BreakPlacement {
  readonly startUs: Micros;
  readonly mode: SplicePlan['mode'];
}

interface Remembered {
  /** Digest of the stored plan's JSON: kept per session, so not the JSON itself. */
  readonly digest: string;
  readonly placements: ReadonlyMap<string, BreakPlacement>;
}

export class PlanRecorder {
  readonly #store: Pick<SessionStore, 'putLiveState'>;
  readonly #memo: LruCache<Remembered>;

  constructor(store: Pick<SessionStore, 'putLiveState'>, maxSessions = 20_000) {
    this.#store = store;
    this.#memo = new LruCache(maxSessions);
  }

  readonly hook: PlaylistPlanHook = async (planned: SplicedPlaylist, log: Logger): Promise<void> => {
    if (trackingRendition(planned.map.e) !== planned.rendition) return;
    const stored = toStoredPlan(planned.plan);
    const digest = createHash('sha1').update(JSON.stringify(stored)).digest('base64');
    const before = this.#memo.get(planned.session.id);
    if (before?.digest === digest) return;
    if (before === undefined && stored.breaks.length === 0) return; // nothing to show yet
    try {
      await this.#store.putLiveState(planned.session.id, TRACKING_PLAN_KEY, stored);
      this.#memo.set(planned.session.id, { digest, placements: placementsOf(planned.plan) });
    } catch (e) {
      log.warn({ err: e, sessionId: planned.session.id }, 'tracking plan not stored; the tracking API shows the previous one');
    }
  };

  /** The break's placement if this instance built the session's tracking playlist. */
  placement(sessionId: string, breakId: string): BreakPlacement | undefined {
    return this.#memo.get(sessionId)?.placements.get(breakId);
  }
}

function placementsOf(plan: SplicePlan): Map<string, BreakPlacement> {
  // Post-rolls are not told apart here (that needs the content's end): they report as mid-rolls.
  return new Map(plan.breaks.map((b) => [b.breakId, { startUs: b.startUs, mode: plan.mode }]));
}
