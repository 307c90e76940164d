import { CUE_TAG } from '../../../manifests/cues/index.js';
import { HLS_ATTR, HLS_TAG } from '../../../manifests/hls/index.js';
import type { DemoRendition } from '../media/media-catalog.js';
import {
  breakContaining,
  breakEndingAt,
  contentIndexOf,
  discontinuitySeqOf,
  lastCompleteSeq,
  type LiveBreak,
  type LiveScheduleConfig,
} from './live-schedule.js';
import { extinf } from './multivariant-playlist.js';
import { spliceInsertHex } from './splice-insert.js';

export interface LivePlaylistInput {
  /** The content rendition whose segments are looped. */
  readonly rendition: DemoRendition;
  readonly schedule: LiveScheduleConfig;
  readonly nowMs: number;
  /** Segments in the sliding window. */
  readonly windowSegments: number;
}

/**
 * The live media playlist at `nowMs`: the last `windowSegments` complete segments of the
 * looped content (see `live-schedule.ts` for the numbering), every segment with its
 * EXT-X-PROGRAM-DATE-TIME, a discontinuity at each loop point, and the breaks the window
 * touches in their dialect:
 *
 * - `cue-out`: `#EXT-X-CUE-OUT:<d>` on the first break segment, `#EXT-X-CUE-OUT-CONT:
 *   ElapsedTime=<e>,Duration=<d>` on the others (including the window's first segment when the
 *   window opens mid-break), `#EXT-X-CUE-IN` on the first segment after the break.
 * - `daterange`: `#EXT-X-DATERANGE` with SCTE35-OUT (a splice_insert) and PLANNED-DURATION before
 *   the break's first segment, or before the window's first segment while the break is still
 *   running, and a second tag with the same ID, DURATION and SCTE35-IN before the first segment
 *   after it.
 *
 * A discontinuity tag is never written before the window's first segment: the
 * EXT-X-DISCONTINUITY-SEQUENCE header already counts it, so each segment keeps the same
 * discontinuity number on every refresh.
 */
export function buildLiveMediaPlaylist(input: LivePlaylistInput): string {
  const { schedule: cfg, rendition } = input;
  const last = lastCompleteSeq(cfg, input.nowMs);
  const first = Math.max(0, last - input.windowSegments + 1);
  const segMs = cfg.segmentDurationSec * 1000;
  const lines = [
    `#${HLS_TAG.EXTM3U}`,
    `#${HLS_TAG.VERSION}:3`,
    `#${HLS_TAG.TARGETDURATION}:${Math.round(cfg.segmentDurationSec)}`,
    `#${HLS_TAG.MEDIA_SEQUENCE}:${first}`,
    `#${HLS_TAG.DISCONTINUITY_SEQUENCE}:${discontinuitySeqOf(cfg, first)}`,
    `#${HLS_TAG.INDEPENDENT_SEGMENTS}`,
  ];
  for (let seq = first; seq <= last; seq++) {
    const segment = rendition.segments[contentIndexOf(cfg, seq)];
    if (segment === undefined) break;
    if (seq !== first && contentIndexOf(cfg, seq) === 0) lines.push(`#${HLS_TAG.DISCONTINUITY}`);
    lines.push(`#${HLS_TAG.PROGRAM_DATE_TIME}:${isoDate(seq * segMs)}`);
    lines.push(...cueLines(cfg, seq, seq === first));
    // The loop's timeline is nominal: every content segment is taken as exactly one segment
    // duration long, which the generator guarantees for the content.
    lines.push(extinf(cfg.segmentDurationSec), segment.file);
  }
  return `${lines.join('\n')}\n`;
}

function cueLines(cfg: LiveScheduleConfig, seq: number, isFirst: boolean): string[] {
  const out: string[] = [];
  const ended = breakEndingAt(cfg, seq);
  if (ended !== undefined) out.push(cueIn(cfg, ended));
  const current = breakContaining(cfg, seq);
  if (current === undefined) return out;
  if (seq === current.startSeq || (isFirst && current.dialect === 'daterange')) {
    out.push(cueOut(cfg, current));
  } else if (current.dialect === 'cue-out') {
    const elapsed = (seq - current.startSeq) * cfg.segmentDurationSec;
    out.push(`#${CUE_TAG.CUE_OUT_CONT}:ElapsedTime=${elapsed},Duration=${current.durationSec}`);
  }
  return out;
}

/** The opening tag, written on the break's first segment (or atop a window that opens inside a DATERANGE break). */
function cueOut(cfg: LiveScheduleConfig, b: LiveBreak): string {
  switch (b.dialect) {
    case 'cue-out':
      return `#${CUE_TAG.CUE_OUT}:${b.durationSec}`;
    case 'daterange': {
      const startSec = b.startSeq * cfg.segmentDurationSec;
      const hex = spliceInsertHex({ eventId: b.eventId, out: true, atSec: startSec, durationSec: b.durationSec, availNum: 1 });
      return `#${HLS_TAG.DATERANGE}:${HLS_ATTR.ID}="${b.id}",${HLS_ATTR.START_DATE}="${isoDate(startSec * 1000)}",${HLS_ATTR.PLANNED_DURATION}=${b.durationSec.toFixed(3)},${HLS_ATTR.SCTE35_OUT}=${hex}`;
    }
  }
}

function cueIn(cfg: LiveScheduleConfig, b: LiveBreak): string {
  switch (b.dialect) {
    case 'cue-out':
      return `#${CUE_TAG.CUE_IN}`;
    case 'daterange': {
      const startSec = b.startSeq * cfg.segmentDurationSec;
      const endSec = b.endSeq * cfg.segmentDurationSec;
      const hex = spliceInsertHex({ eventId: b.eventId, out: false, atSec: endSec });
      return `#${HLS_TAG.DATERANGE}:${HLS_ATTR.ID}="${b.id}",${HLS_ATTR.START_DATE}="${isoDate(startSec * 1000)}",${HLS_ATTR.DURATION}=${b.durationSec.toFixed(3)},${HLS_ATTR.SCTE35_IN}=${hex}`;
    }
  }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
