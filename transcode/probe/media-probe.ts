/**
 * What a probe of one media file says, reduced to what conditioning decides on. Produced by
 * `Prober` implementations (ffprobe-prober.ts) and by the pure `parseFfprobeJson`.
 */
export interface VideoStreamInfo {
  /** ffprobe codec_name: `h264`, `hevc`, `vp9`, `ansi` (a text file read as ANSI art!). */
  readonly codec: string;
  /** ffprobe profile text: `Constrained Baseline`, `Main`, `High`. */
  readonly profile?: string;
  /** level_idc (30 = 3.0). */
  readonly level?: number;
  readonly width: number;
  readonly height: number;
  /** Frames per second from avg_frame_rate (else r_frame_rate); 0 when unknown. */
  readonly fps: number;
  /** The same as a rational `num/den`, e.g. `30000/1001`. */
  readonly fpsRational: string;
  readonly pixFmt?: string;
  readonly bitRate?: number;
  /** An attached picture (cover art) is not a video. */
  readonly attachedPicture: boolean;
}

export interface AudioStreamInfo {
  readonly codec: string;
  /** ffprobe profile text for AAC: `LC`, `HE-AAC`. */
  readonly profile?: string;
  readonly sampleRate: number;
  readonly channels: number;
  readonly channelLayout?: string;
  readonly bitRate?: number;
}

export interface MediaProbe {
  /** ffprobe format_name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `mpegts`, `tty`. */
  readonly formatName: string;
  /** Seconds; 0 when unknown. */
  readonly durationSec: number;
  readonly sizeBytes?: number;
  readonly bitRate?: number;
  /** The first real video stream (attached pictures skipped), if any. */
  readonly video?: VideoStreamInfo;
  readonly audio?: AudioStreamInfo;
}

/**
 * Reads one file (path or URL ffmpeg can open). Guarantees: resolves with what the file
 * holds, even when that is no video (callers decide); rejects with `TranscodeError`:
 * TRANSCODE_MEDIA_CORRUPT (unreadable), TRANSCODE_MEDIA_TRUNCATED (ends early, e.g. MP4
 * without moov), TRANSCODE_NOT_VIDEO (no streams at all), TRANSCODE_FFMPEG_UNAVAILABLE,
 * TRANSCODE_TIMEOUT, TRANSCODE_ABORTED.
 */
export interface Prober {
  probe(input: string, options?: { readonly signal?: AbortSignal }): Promise<MediaProbe>;
}
