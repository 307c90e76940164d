/**
 * The typed view of an HLS playlist. It is built over an `HlsDocument` (the lossless line
 * list) and never replaces it: serialization always writes the document. Line indexes
 * (`line`, `firstLine`, `uriLine`) are 0-based positions in `document.lines`, so a writer can
 * go from a model object straight to the lines to edit.
 *
 * Media time: microseconds from the start of the first segment of this playlist, summed from
 * EXTINF values exactly (see manifests/model/time.ts). Program date time (PDT): the wall clock
 * label from EXT-X-PROGRAM-DATE-TIME, or carried forward from the last one by adding durations.
 */
import type { ManifestError } from '../errors.js';
import type { ByteRange } from '../model/byte-range.js';
import type { ContentKey } from '../model/content-key.js';
import type { Micros } from '../model/time.js';
import type { Resolution } from './attr-list.js';
import type { HlsDocument } from './document.js';

export type HlsAttributes = Readonly<Record<string, string>>;

/** EXT-X-MAP in force: the initialisation section for fMP4 / CMAF segments. */
export interface HlsMap {
  readonly uri: string;
  readonly byteRange?: ByteRange;
  readonly line: number;
}

/** A key in force, with the line of the EXT-X-KEY that set it. */
export interface HlsKey extends ContentKey {
  readonly line: number;
}

/** An LL-HLS partial segment (EXT-X-PART). Its line is kept verbatim in the document. */
export interface HlsPart {
  readonly uri: string;
  readonly durationUs: Micros;
  readonly independent: boolean;
  readonly gap: boolean;
  readonly byteRange?: ByteRange;
  readonly attributes: HlsAttributes;
  readonly line: number;
}

export interface HlsSegment {
  /** 0-based position among the playlist's segments. */
  readonly index: number;
  readonly uri: string;
  readonly mediaSequence: number;
  readonly discontinuitySequence: number;
  readonly startUs: Micros;
  readonly durationUs: Micros;
  /** EXTINF title (text after the comma), '' when none. */
  readonly title: string;
  /** An EXT-X-DISCONTINUITY precedes this segment. */
  readonly discontinuity: boolean;
  readonly gap: boolean;
  readonly byteRange?: ByteRange;
  /** Keys in force; empty when the segment is clear (no key yet, or METHOD=NONE). */
  readonly keys: readonly HlsKey[];
  readonly map?: HlsMap;
  readonly programDateTime?: string;
  /** True when an EXT-X-PROGRAM-DATE-TIME stands right before this segment. */
  readonly programDateTimeExplicit: boolean;
  /** EXT-X-BITRATE in force, kbit/s. */
  readonly bitrateKbps?: number;
  readonly parts: readonly HlsPart[];
  /** First line belonging to this segment (the line after the previous segment's URI). */
  readonly firstLine: number;
  readonly uriLine: number;
}

export interface HlsDateRange {
  readonly id: string;
  readonly class?: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly durationUs?: Micros;
  readonly plannedDurationUs?: Micros;
  readonly endOnNext: boolean;
  /** Every attribute as written (unquoted), including X- client attributes and SCTE35-*. */
  readonly attributes: HlsAttributes;
  readonly line: number;
  /** Index of the segment that follows the tag (segments.length when it is after the last). */
  readonly segmentIndex: number;
}

export interface HlsStart {
  readonly timeOffset: number;
  readonly precise: boolean;
}

export interface HlsServerControl {
  readonly canBlockReload: boolean;
  readonly canSkipUntil?: number;
  readonly holdBack?: number;
  readonly partHoldBack?: number;
  readonly attributes: HlsAttributes;
}

interface HlsPlaylistBase {
  readonly document: HlsDocument;
  /** Recoverable problems (bad EXTINF, unreadable attribute lists); the document is still whole. */
  readonly warnings: readonly ManifestError[];
  readonly version?: number;
  readonly independentSegments: boolean;
  readonly start?: HlsStart;
}

export interface HlsMediaPlaylist extends HlsPlaylistBase {
  readonly kind: 'media';
  readonly targetDuration?: number;
  /** EXT-X-MEDIA-SEQUENCE, 0 when absent. */
  readonly mediaSequence: number;
  /** EXT-X-DISCONTINUITY-SEQUENCE, 0 when absent. */
  readonly discontinuitySequence: number;
  readonly playlistType?: string;
  readonly endList: boolean;
  readonly iFramesOnly: boolean;
  readonly serverControl?: HlsServerControl;
  readonly partTargetUs?: Micros;
  readonly segments: readonly HlsSegment[];
  readonly dateRanges: readonly HlsDateRange[];
  /** Parts after the last segment URI: the segment being produced at the live edge. */
  readonly pendingParts: readonly HlsPart[];
  /** Media time at the end of the last segment. */
  readonly endUs: Micros;
}

export interface HlsVariant {
  readonly uri: string;
  readonly bandwidth?: number;
  readonly averageBandwidth?: number;
  readonly codecs?: string;
  readonly resolution?: Resolution;
  readonly frameRate?: number;
  readonly audio?: string;
  readonly video?: string;
  readonly subtitles?: string;
  readonly closedCaptions?: string;
  readonly attributes: HlsAttributes;
  /** Line of the EXT-X-STREAM-INF. */
  readonly line: number;
  readonly uriLine: number;
}

export interface HlsRendition {
  readonly type: string;
  readonly groupId: string;
  readonly name: string;
  readonly language?: string;
  readonly uri?: string;
  readonly default: boolean;
  readonly autoselect: boolean;
  readonly forced: boolean;
  readonly channels?: string;
  readonly attributes: HlsAttributes;
  readonly line: number;
}

export interface HlsIFrameVariant {
  readonly uri: string;
  readonly bandwidth?: number;
  readonly codecs?: string;
  readonly resolution?: Resolution;
  readonly attributes: HlsAttributes;
  readonly line: number;
}

export interface HlsMultivariantPlaylist extends HlsPlaylistBase {
  readonly kind: 'multivariant';
  readonly variants: readonly HlsVariant[];
  readonly renditions: readonly HlsRendition[];
  readonly iFrameVariants: readonly HlsIFrameVariant[];
  readonly sessionKeys: readonly HlsKey[];
  readonly sessionData: readonly HlsAttributes[];
}

export type HlsPlaylist = HlsMediaPlaylist | HlsMultivariantPlaylist;
