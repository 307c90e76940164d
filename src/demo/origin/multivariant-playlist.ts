import { HLS_ATTR, HLS_TAG } from '../../../manifests/hls/index.js';
import type { DemoHlsAsset } from '../media/media-catalog.js';

/**
 * The multivariant playlist of an asset: one variant per rendition (muxed audio, so no
 * EXT-X-MEDIA), highest first, each pointing at `<rendition>.m3u8` next to it.
 */
export function buildMultivariantPlaylist(asset: DemoHlsAsset): string {
  const lines = [`#${HLS_TAG.EXTM3U}`, `#${HLS_TAG.VERSION}:3`, `#${HLS_TAG.INDEPENDENT_SEGMENTS}`];
  for (const r of asset.renditions) {
    const attrs = [
      `${HLS_ATTR.BANDWIDTH}=${r.bandwidth}`,
      `${HLS_ATTR.AVERAGE_BANDWIDTH}=${r.averageBandwidth}`,
      `${HLS_ATTR.RESOLUTION}=${r.width}x${r.height}`,
      `${HLS_ATTR.FRAME_RATE}=${r.frameRate.toFixed(3)}`,
      `${HLS_ATTR.CODECS}="${r.codecs}"`,
    ];
    lines.push(`#${HLS_TAG.STREAM_INF}:${attrs.join(',')}`, `${r.name}.m3u8`);
  }
  return `${lines.join('\n')}\n`;
}

/** `#EXTINF:2.000,` with the precision ffmpeg measured, trimmed to milliseconds. */
export function extinf(durationSec: number): string {
  return `#${HLS_TAG.EXTINF}:${durationSec.toFixed(3)},`;
}

export function targetDuration(durations: readonly number[]): number {
  return Math.max(1, ...durations.map((d) => Math.round(d)));
}
