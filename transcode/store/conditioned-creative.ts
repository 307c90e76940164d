/**
 * What a finished conditioning job leaves: the record the store keeps next to the files, and
 * the job's return value. Plain JSON. URLs are filled in by the store when read (`get`), so
 * moving the store behind another base URL does not leave stale records.
 */
import type { SegmentContainer } from '../ladder/content-ladder.js';
import type { LoudnessMeasurement, LoudnessTarget } from '../loudness/loudness-target.js';

export interface ConditionedRendition {
  /** `v0` (top rung), `v1`, …; `a0` for a demuxed audio rendition. */
  readonly id: string;
  readonly kind: 'video' | 'audio';
  /** Relative to the creative's directory: `v0/index.m3u8`. */
  readonly playlistPath: string;
  readonly playlistUrl: string;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly codecs: string;
  /** Peak segment bitrate, bit/s, measured from the files (what BANDWIDTH says). */
  readonly bandwidth: number;
  readonly averageBandwidth: number;
  readonly segmentDurationsSec: readonly number[];
}

export interface ConditionedLoudness {
  readonly target: LoudnessTarget;
  readonly measured: LoudnessMeasurement;
  /** loudnorm's own estimate after pass 2. */
  readonly outputIntegratedLufs: number;
  /** `linear` (one gain) or `dynamic` (loudnorm had to compress to hold the true peak). */
  readonly normalizationType: string;
}

export interface ConditionedCreative {
  /** The store key: content hash + profile set (jobs/job-id.ts `conditionedKey`). */
  readonly key: string;
  readonly identity: string;
  readonly sourceUrl: string;
  readonly sourceSha256: string;
  readonly sourceBytes: number;
  readonly profileSetKey: string;
  readonly durationSec: number;
  readonly container: SegmentContainer;
  readonly segmentDurationSec: number;
  readonly multivariantPath: string;
  readonly multivariantUrl: string;
  readonly renditions: readonly ConditionedRendition[];
  /** null when the creative had no audio (silence was encoded). */
  readonly loudness: ConditionedLoudness | null;
}

/** The record as written to disk: the same without URLs. */
export type ConditionedRecord = Omit<ConditionedCreative, 'multivariantUrl' | 'renditions'> & {
  readonly renditions: readonly Omit<ConditionedRendition, 'playlistUrl'>[];
};
