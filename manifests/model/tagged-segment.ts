import type { Micros } from './time.js';

/**
 * One tag line as it stands in a playlist: `#EXT-X-CUE-OUT:DURATION=30` has name
 * `EXT-X-CUE-OUT` and value `DURATION=30`. `value` is '' for a tag without a colon.
 */
export interface TagLine {
  readonly name: string;
  readonly value: string;
  /** 1-based line number in the source text, for error messages. */
  readonly line: number;
}

/**
 * A media segment seen through the tags that precede it: the format-neutral view that cue
 * readers work on. The HLS parser builds it; readers never see playlist text.
 */
export interface TaggedSegment {
  readonly mediaSequence: number;
  /** Media time of the segment's start: seconds from the first segment of this playlist. */
  readonly startUs: Micros;
  readonly durationUs: Micros;
  /** Program date time in force for this segment (explicit or carried forward), ISO 8601 as written. */
  readonly programDateTime?: string;
  /** Tags between the previous segment's URI and this segment's URI, in order. */
  readonly tags: readonly TagLine[];
}

/** A media playlist as cue readers see it. */
export interface CueInput {
  readonly segments: readonly TaggedSegment[];
  /** Tags after the last segment URI (a cue-in at the live edge, say). */
  readonly trailingTags: readonly TagLine[];
  /** Media time at the end of the last segment. */
  readonly endUs: Micros;
}
