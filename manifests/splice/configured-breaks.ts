/**
 * Breaks for VOD without markers: a pre-roll and mid-rolls at the channel's configured
 * offsets (or a VMAP's). Each offset snaps to the next segment boundary, so the break starts
 * where the planner will put it; an offset past the end is a post-roll.
 */
import type { Break } from '../model/break.js';
import type { Micros } from '../model/time.js';
import type { PlanSegment } from './types.js';
import { snapIndex } from './vod-planner.js';

/**
 * One `configured` break per distinct offset, in time order. Ids are `offset-<µs as given>`,
 * so they do not move when the content is re-segmented. Negative offsets are ignored.
 */
export function breaksAtOffsets(offsetsUs: readonly Micros[], segments: readonly PlanSegment[]): Break[] {
  const last = segments[segments.length - 1];
  const endUs = last === undefined ? 0 : last.startUs + last.durationUs;
  const endMsn = last === undefined ? 0 : last.mediaSequence + 1;
  const seen = new Set<number>();
  const out: Break[] = [];
  for (const offset of [...offsetsUs].sort((a, b) => a - b)) {
    if (!Number.isFinite(offset) || offset < 0 || seen.has(offset)) continue;
    seen.add(offset);
    const at = snapIndex(segments, offset);
    const seg = segments[at];
    out.push({
      id: `offset-${offset}`,
      startUs: seg?.startUs ?? endUs,
      durationUs: null,
      mediaSequence: seg?.mediaSequence ?? endMsn,
      dialect: 'configured',
      joinedMidBreak: false,
    });
  }
  return out;
}
