// A clock for the demo's live origin that can be aimed so a break lies a few seconds ahead of
// where a fresh hls.js player will start: a live test then watches a whole break in real time
// without waiting for the wall-clock minute to come round.
import { defaultLiveSchedule, liveBreak, type LiveBreak, type LiveScheduleConfig } from '../../src/demo/index.js';

export interface AimableLiveClock {
  nowMs(): number;
  readonly schedule: LiveScheduleConfig;
  /**
   * Moves the clock forward (never back, so a playlist never rewinds) so that a player
   * started now reaches the next 20-s break about `leadSec` after it starts; returns that break.
   */
  aim(leadSec: number): LiveBreak;
}

/**
 * hls.js starts `liveSyncDurationCount` (3) target durations before the end of the newest
 * playlist, and the demo's newest segment ends at the current 2-s boundary: at origin time
 * `now` a new player starts near `now - 6 s`. Odd breaks are the 20-s DATERANGE ones, the
 * shortest the demo schedules.
 */
export function aimableLiveClock(loopSegments: number, wallNowMs: () => number = Date.now): AimableLiveClock {
  const schedule = defaultLiveSchedule(loopSegments);
  const segMs = schedule.segmentDurationSec * 1000;
  const periodMs = schedule.periodSegs * segMs;
  const playerLagMs = 3 * segMs;
  let offsetMs = 0;
  const nowMs = () => wallNowMs() + offsetMs;
  return {
    nowMs,
    schedule,
    aim(leadSec) {
      let index = Math.floor(nowMs() / periodMs) + 1;
      if (index % 2 === 0) index += 1;
      const upcoming = liveBreak(schedule, index);
      // The break starts at least 20 s into a later period, so this always moves forward.
      offsetMs = upcoming.startSeq * segMs + playerLagMs - leadSec * 1000 - wallNowMs();
      return upcoming;
    },
  };
}
