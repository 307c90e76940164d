/**
 * x264 settings for one video target. Pure.
 *
 * Segment alignment is the point: `-force_key_frames expr:gte(t,n_forced*SEG)` puts an IDR at
 * every segment start, `-g`/`-keyint_min` = one segment of frames keeps x264 from adding its
 * own, `-sc_threshold 0` stops scene-cut keyframes (which would let the HLS muxer cut early),
 * and `+cgop` closes every GOP so each segment decodes on its own (EXT-X-INDEPENDENT-SEGMENTS).
 */
import type { H264Profile } from '../ladder/codecs.js';
import type { VideoTarget } from '../profiles/target-profile.js';

export function x264Options(v: VideoTarget, segmentDurationSec: number, preset: string): string[] {
  return [
    '-c:v', 'libx264',
    '-preset', preset,
    '-profile:v', x264Profile(v.profile),
    '-level:v', levelText(v.levelIdc),
    '-pix_fmt', 'yuv420p',
    '-b:v', `${v.bitrateKbps}k`,
    '-maxrate', `${v.maxrateKbps}k`,
    '-bufsize', `${v.bufsizeKbps}k`,
    '-g', String(v.gopFrames),
    '-keyint_min', String(v.gopFrames),
    '-sc_threshold', '0',
    '-flags', '+cgop',
    '-force_key_frames', `expr:gte(t,n_forced*${segmentDurationSec})`,
  ];
}

/**
 * One filter-graph branch: frame rate first (fewer frames to scale when dropping), then fit
 * inside the target keeping the aspect ratio, pad to the exact size (black bars), square
 * pixels.
 */
export function videoBranch(v: VideoTarget, inLabel: string, outLabel: string): string {
  const fit = `scale=${v.width}:${v.height}:force_original_aspect_ratio=decrease`;
  const pad = `pad=${v.width}:${v.height}:(ow-iw)/2:(oh-ih)/2`;
  return `[${inLabel}]fps=${v.fpsRational},${fit},${pad},setsar=1,format=yuv420p[${outLabel}]`;
}

function x264Profile(p: H264Profile): string {
  switch (p) {
    case 'constrained-baseline':
    case 'baseline':
      return 'baseline';
    case 'main':
      return 'main';
    case 'high':
      return 'high';
  }
}

function levelText(levelIdc: number): string {
  return `${Math.floor(levelIdc / 10)}.${levelIdc % 10}`;
}
