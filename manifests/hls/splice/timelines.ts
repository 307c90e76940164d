/** The planner's view (manifests/splice) of parsed HLS media playlists. */
import type { PlanSegment, Timeline } from '../../splice/types.js';
import type { HlsMediaPlaylist } from '../playlist-types.js';

/**
 * Memoized per playlist object: the service shares one parsed origin playlist across
 * sessions, so a 1,800-segment VOD is converted once, not per request. Read only.
 */
const planSegments = new WeakMap<HlsMediaPlaylist, readonly PlanSegment[]>();

export function toPlanSegments(playlist: HlsMediaPlaylist): readonly PlanSegment[] {
  let segments = planSegments.get(playlist);
  if (segments === undefined) {
    segments = convert(playlist);
    planSegments.set(playlist, segments);
  }
  return segments;
}

function convert(playlist: HlsMediaPlaylist): PlanSegment[] {
  return playlist.segments.map((s) => ({
    mediaSequence: s.mediaSequence,
    discontinuitySequence: s.discontinuitySequence,
    startUs: s.startUs,
    durationUs: s.durationUs,
    discontinuity: s.discontinuity,
    ...(s.programDateTime === undefined ? {} : { programDateTime: s.programDateTime }),
  }));
}

export function toTimeline(playlist: HlsMediaPlaylist): Timeline {
  return { segmentsUs: playlist.segments.map((s) => s.durationUs) };
}

export function toTimelines(playlists: Readonly<Record<string, HlsMediaPlaylist>>): Record<string, Timeline> {
  const out: Record<string, Timeline> = {};
  for (const [id, p] of Object.entries(playlists)) out[id] = toTimeline(p);
  return out;
}
