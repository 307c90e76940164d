import { CUE_TAG } from '../../../manifests/cues/index.js';
import { HLS_TAG } from '../../../manifests/hls/index.js';
import type { DemoRendition } from '../media/media-catalog.js';
import { extinf, targetDuration } from './multivariant-playlist.js';

/** A VOD cue: a break starting at `atSec` (a segment boundary) that replaces `durationSec` of content. */
export interface VodCue {
  readonly atSec: number;
  readonly durationSec: number;
}

/** The demo VOD's cues: one break a minute, at 30 s (30 s long) and 90 s (20 s long). */
export const DEMO_VOD_CUES: readonly VodCue[] = [
  { atSec: 30, durationSec: 30 },
  { atSec: 90, durationSec: 20 },
];

/**
 * A VOD media playlist over an asset's segments. Cues, when given, are written in the
 * `#EXT-X-CUE-OUT:DURATION=<s>` … `#EXT-X-CUE-IN` dialect on the segments where each break
 * starts and ends; a cue that does not fall on a segment boundary goes on the segment that
 * starts right after it. `segmentPrefix` is prepended to each segment file (relative URIs).
 */
export function buildVodMediaPlaylist(rendition: DemoRendition, cues: readonly VodCue[] = [], segmentPrefix = ''): string {
  const lines = [
    `#${HLS_TAG.EXTM3U}`,
    `#${HLS_TAG.VERSION}:3`,
    `#${HLS_TAG.TARGETDURATION}:${targetDuration(rendition.segments.map((s) => s.durationSec))}`,
    `#${HLS_TAG.MEDIA_SEQUENCE}:0`,
    `#${HLS_TAG.PLAYLIST_TYPE}:VOD`,
    `#${HLS_TAG.INDEPENDENT_SEGMENTS}`,
  ];
  const outs = new Set<number>();
  const ins = new Set<number>();
  const outDuration = new Map<number, number>();
  let t = 0;
  const starts = rendition.segments.map((s) => {
    const start = t;
    t += s.durationSec;
    return start;
  });
  for (const cue of cues) {
    const outAt = firstAtOrAfter(starts, cue.atSec);
    const inAt = firstAtOrAfter(starts, cue.atSec + cue.durationSec);
    if (outAt === undefined) continue;
    outs.add(outAt);
    outDuration.set(outAt, cue.durationSec);
    if (inAt !== undefined) ins.add(inAt);
  }
  rendition.segments.forEach((s, i) => {
    if (ins.has(i)) lines.push(`#${CUE_TAG.CUE_IN}`);
    if (outs.has(i)) lines.push(`#${CUE_TAG.CUE_OUT}:DURATION=${outDuration.get(i) ?? 0}`);
    lines.push(extinf(s.durationSec), `${segmentPrefix}${s.file}`);
  });
  lines.push(`#${HLS_TAG.ENDLIST}`);
  return `${lines.join('\n')}\n`;
}

function firstAtOrAfter(starts: readonly number[], sec: number): number | undefined {
  const i = starts.findIndex((s) => s >= sec - 1e-6);
  return i < 0 ? undefined : i;
}
