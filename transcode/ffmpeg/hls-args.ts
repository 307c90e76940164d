/**
 * HLS packaging options for one rendition: VOD playlist, every segment listed, cut at the
 * forced keyframes. Pure. The rendition's files live in `<outDir>/<id>/`: `index.m3u8`,
 * `seg-000.ts` (or `.m4s` with `init.mp4` for fMP4).
 */
import type { SegmentContainer } from '../ladder/content-ladder.js';

export const RENDITION_PLAYLIST = 'index.m3u8';
export const FMP4_INIT = 'init.mp4';

export function segmentExtension(container: SegmentContainer): string {
  return container === 'fmp4' ? 'm4s' : 'ts';
}

export function hlsOptions(segmentDurationSec: number, container: SegmentContainer, renditionDir: string): string[] {
  return [
    '-f', 'hls',
    '-hls_time', String(segmentDurationSec),
    '-hls_playlist_type', 'vod',
    '-hls_list_size', '0',
    '-hls_segment_type', container === 'fmp4' ? 'fmp4' : 'mpegts',
    ...(container === 'fmp4' ? ['-hls_fmp4_init_filename', FMP4_INIT] : []),
    '-hls_flags', 'independent_segments',
    '-hls_segment_filename', `${renditionDir}/seg-%03d.${segmentExtension(container)}`,
  ];
}
