/**
 * Is a probed file a video we can condition? Pure. ffprobe reads almost anything: a text file
 * comes back as format `tty` with an `ansi` "video" stream, a JPEG as `image2` with one
 * frame. Those are not ads, and saying so here gives the advertiser a clear reason.
 */
import type { TranscodeIssue } from '../errors.js';
import type { MediaProbe } from './media-probe.js';

const NOT_VIDEO_FORMATS = /^(tty|image2|.*_pipe|lrc|srt|webvtt|ass|mpl2|subviewer|txt|bin|data)$/;
const NOT_VIDEO_CODECS = new Set(['ansi', 'mjpeg', 'png', 'bmp', 'gif', 'webp', 'tiff', 'text', 'subrip', 'bintext', 'xbin', 'idf']);
/** Shorter than this is a still or a stub, not an ad. */
const MIN_DURATION_SEC = 0.5;

export function checkSourceProbe(p: MediaProbe): TranscodeIssue | undefined {
  const ctx = { format: p.formatName, durationSec: p.durationSec };
  const formats = p.formatName.split(',');
  if (formats.some((f) => NOT_VIDEO_FORMATS.test(f))) {
    return { code: 'TRANSCODE_NOT_VIDEO', message: `not a video file: read as ${p.formatName}`, context: { ...ctx, reason: `format ${p.formatName}` } };
  }
  if (p.video === undefined) {
    if (p.audio !== undefined) return { code: 'TRANSCODE_AUDIO_ONLY', message: `audio-only creative (${p.audio.codec}, ${p.durationSec.toFixed(1)} s): a video ad needs a video stream`, context: ctx };
    return { code: 'TRANSCODE_NOT_VIDEO', message: 'the file holds no video or audio stream', context: { ...ctx, reason: 'no streams' } };
  }
  if (NOT_VIDEO_CODECS.has(p.video.codec)) {
    return { code: 'TRANSCODE_NOT_VIDEO', message: `not a video: the picture stream is ${p.video.codec}`, context: { ...ctx, reason: `codec ${p.video.codec}` } };
  }
  if (p.video.width <= 0 || p.video.height <= 0) {
    return { code: 'TRANSCODE_MEDIA_CORRUPT', message: 'the video stream has no picture size', context: { ...ctx, reason: 'no picture size' } };
  }
  if (!(p.durationSec >= MIN_DURATION_SEC)) {
    return { code: 'TRANSCODE_NOT_VIDEO', message: `too short to be an ad (${p.durationSec} s)`, context: { ...ctx, reason: 'too short' } };
  }
  return undefined;
}
