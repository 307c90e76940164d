/**
 * The simulated live channel's timeline, as pure arithmetic on segment numbers.
 *
 * Segment `n` is the n-th 2-s segment since the Unix epoch: it starts at `n × 2 s` wall time,
 * which is also its program date time and its media sequence number. The content loops, so
 * segment `n` plays content segment `n mod L` (L = segments in the content) and a
 * discontinuity precedes every segment with `n mod L = 0`; the discontinuity sequence number of
 * segment `n` is therefore `floor(n / L)`, whatever the window.
 *
 * Break `k` (k = 0, 1, … since the epoch) starts `offset` segments into the k-th period
 * and lasts `durationSegs`. Its SCTE-35 splice_event_id is derived from `k`, so every refresh,
 * rendition and instance names the same break the same way.
 */
export type LiveCueDialect = 'cue-out' | 'daterange';

export interface LiveScheduleConfig {
  readonly segmentDurationSec: number;
  /** Segments in the content loop. */
  readonly loopSegments: number;
  /** Distance between break starts, in segments (30 = one break a minute). */
  readonly periodSegs: number;
  /** First segment of each break, counted from the start of its period. */
  readonly offsetSegs: number;
  /** Break lengths in segments, alternating with k: break k lasts durationsSegs[k mod len]. */
  readonly durationsSegs: readonly number[];
  /** Cue dialect of break k: dialects[k mod len]. */
  readonly dialects: readonly LiveCueDialect[];
}

/** One break a minute, 20 s into the minute, alternating 30 s CUE-OUT and 20 s DATERANGE. */
export function defaultLiveSchedule(loopSegments: number, segmentDurationSec = 2): LiveScheduleConfig {
  const perMinute = Math.round(60 / segmentDurationSec);
  return {
    segmentDurationSec,
    loopSegments,
    periodSegs: perMinute,
    offsetSegs: Math.round(20 / segmentDurationSec),
    durationsSegs: [Math.round(30 / segmentDurationSec), Math.round(20 / segmentDurationSec)],
    dialects: ['cue-out', 'daterange'],
  };
}

export interface LiveBreak {
  /** Break index on the timeline since the epoch. */
  readonly index: number;
  /** SCTE-35 splice_event_id (32 bits), derived from `index`. */
  readonly eventId: number;
  /** Stable DATERANGE ID. */
  readonly id: string;
  readonly dialect: LiveCueDialect;
  /** First segment number inside the break. */
  readonly startSeq: number;
  /** First segment number after the break (where the cue-in goes). */
  readonly endSeq: number;
  readonly durationSec: number;
}

export function liveBreak(cfg: LiveScheduleConfig, index: number): LiveBreak {
  const durationSegs = pick(cfg.durationsSegs, index);
  const startSeq = index * cfg.periodSegs + cfg.offsetSegs;
  return {
    index,
    eventId: index % 2 ** 32,
    id: `demo-break-${index}`,
    dialect: pick(cfg.dialects, index),
    startSeq,
    endSeq: startSeq + durationSegs,
    durationSec: durationSegs * cfg.segmentDurationSec,
  };
}

/** The break that segment `seq` belongs to, or undefined when it is content. */
export function breakContaining(cfg: LiveScheduleConfig, seq: number): LiveBreak | undefined {
  const b = liveBreak(cfg, Math.floor((seq - cfg.offsetSegs) / cfg.periodSegs));
  return seq >= b.startSeq && seq < b.endSeq ? b : undefined;
}

/** The break whose first segment after it is `seq`, or undefined. */
export function breakEndingAt(cfg: LiveScheduleConfig, seq: number): LiveBreak | undefined {
  const b = breakContaining(cfg, seq - 1);
  return b !== undefined && b.endSeq === seq ? b : undefined;
}

/** The newest segment fully available at `nowMs`. */
export function lastCompleteSeq(cfg: LiveScheduleConfig, nowMs: number): number {
  return Math.floor(nowMs / (cfg.segmentDurationSec * 1000)) - 1;
}

export function discontinuitySeqOf(cfg: LiveScheduleConfig, seq: number): number {
  return Math.floor(seq / cfg.loopSegments);
}

export function contentIndexOf(cfg: LiveScheduleConfig, seq: number): number {
  return seq % cfg.loopSegments;
}

function pick<T>(list: readonly T[], index: number): T {
  const v = list[index % list.length];
  if (v === undefined) throw new RangeError('live schedule: empty list');
  return v;
}
