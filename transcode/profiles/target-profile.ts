/**
 * Encoder targets: what ffmpeg must produce so a conditioned ad splices into a channel with
 * no player reset beyond the discontinuity. One `VideoTarget` per content variant; one audio
 * target shared by all (muxed into each, or one demuxed rendition). Every field is plain
 * JSON so a `ProfileSet` can ride in a queue job and be hashed into the job id.
 *
 * GOP contract (what makes the ad segmentable exactly like content): closed GOPs, a keyframe
 * at every segment start (t = n·segmentDurationSec) and nowhere the segmenter could cut
 * otherwise (`gopFrames` = segment length in frames, scene-cut keyframes off).
 */
import type { H264Profile } from '../ladder/codecs.js';
import type { AudioMode, SegmentContainer } from '../ladder/content-ladder.js';

export interface VideoTarget {
  /** Stable name of the rendition in the store: `v0` is the top rung. */
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly fpsRational: string;
  readonly profile: H264Profile;
  readonly levelIdc: number;
  /** RFC 6381 string of what x264 will write, e.g. `avc1.42c01e`. */
  readonly codecString: string;
  readonly bitrateKbps: number;
  readonly maxrateKbps: number;
  readonly bufsizeKbps: number;
  readonly gopFrames: number;
}

export interface AudioTarget {
  readonly codec: 'aac';
  /** Always 2 (AAC-LC): the bundled ffmpeg has no HE-AAC encoder; LC plays wherever HE does. */
  readonly aacObjectType: number;
  readonly codecString: string;
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitrateKbps: number;
}

export interface EncoderSettings {
  /** x264 preset; `veryfast` is the broadcast-ad default (quality per CPU second). */
  readonly preset: string;
}

export interface ProfileSet {
  /** Highest rung first. */
  readonly video: readonly VideoTarget[];
  readonly audio?: AudioTarget;
  readonly audioMode: AudioMode;
  readonly audioGroupId?: string;
  readonly segmentDurationSec: number;
  readonly container: SegmentContainer;
  readonly encoder: EncoderSettings;
  /** Where a target differs from content on purpose (e.g. HE-AAC content gets AAC-LC ads). */
  readonly notes: readonly string[];
}
