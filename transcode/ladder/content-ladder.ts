/**
 * A channel's content ladder: what every conditioned ad must look like to splice cleanly
 * into this channel. Read from the channel's playlists by `readContentLadder` (read-ladder.ts),
 * turned into encoder targets by transcode/profiles/.
 *
 * Vocabulary: a *variant* is one EXT-X-STREAM-INF (one video rung, with audio muxed in or
 * referenced through an AUDIO group); *muxed* audio rides in the video segments, *demuxed*
 * audio is its own EXT-X-MEDIA playlist. *Container* is the segment format: MPEG-TS, or
 * fragmented MP4 (CMAF) recognised by EXT-X-MAP.
 */
import type { H264Profile } from './codecs.js';

export type SegmentContainer = 'mpegts' | 'fmp4';
export type AudioMode = 'muxed' | 'demuxed' | 'none';

export interface ContentVideo {
  readonly profile: H264Profile;
  readonly levelIdc: number;
  readonly width: number;
  readonly height: number;
  /** Frames per second as a number (29.97). */
  readonly fps: number;
  /** The same as ffmpeg wants it: `25`, `30000/1001`. */
  readonly fpsRational: string;
}

export interface ContentAudio {
  /** MPEG-4 audio object type (2 = AAC-LC). Only AAC is produced. */
  readonly aacObjectType: number;
  readonly sampleRate: number;
  readonly channels: number;
}

export interface ContentVariant {
  /** The variant URI as written in the multivariant playlist. */
  readonly uri: string;
  readonly bandwidth: number;
  readonly averageBandwidth?: number;
  readonly video: ContentVideo;
}

export interface ContentLadder {
  /** Highest bandwidth first. */
  readonly variants: readonly ContentVariant[];
  readonly audio?: ContentAudio;
  readonly audioMode: AudioMode;
  /** The AUDIO group id when demuxed (the conditioned ad re-uses it). */
  readonly audioGroupId?: string;
  /** The segment duration content uses (seconds, e.g. 6.006); ads are cut to the same. */
  readonly segmentDurationSec: number;
  readonly container: SegmentContainer;
  /** Facts that were not in the playlists or probes and were assumed; log them. */
  readonly assumptions: readonly string[];
}
