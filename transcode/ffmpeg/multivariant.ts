/**
 * The conditioned ad's multivariant playlist, written by us rather than ffmpeg's
 * `master_pl_name` so it carries exactly the attributes the splice writer and players match
 * on: BANDWIDTH (peak, measured from the segments written), AVERAGE-BANDWIDTH, CODECS,
 * RESOLUTION, FRAME-RATE, and the AUDIO group when demuxed. Pure.
 */
import { HLS_ATTR, HLS_TAG, serializeAttributeList, type AttributeToWrite } from '../../manifests/index.js';

export interface MultivariantRendition {
  /** Relative URI of the rendition playlist, e.g. `v0/index.m3u8`. */
  readonly uri: string;
  readonly bandwidth: number;
  readonly averageBandwidth?: number;
  readonly codecs: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
}

export interface MultivariantAudio {
  readonly groupId: string;
  readonly uri: string;
  readonly channels: number;
  readonly name?: string;
}

export function buildMultivariantPlaylist(renditions: readonly MultivariantRendition[], audio?: MultivariantAudio): string {
  const lines = [`#${HLS_TAG.EXTM3U}`, `#${HLS_TAG.VERSION}:${audio === undefined ? 3 : 4}`, `#${HLS_TAG.INDEPENDENT_SEGMENTS}`];
  if (audio !== undefined) {
    lines.push(`#${HLS_TAG.MEDIA}:${serializeAttributeList([
      { name: HLS_ATTR.TYPE, value: 'AUDIO', quoted: false },
      { name: HLS_ATTR.GROUP_ID, value: audio.groupId, quoted: true },
      { name: HLS_ATTR.NAME, value: audio.name ?? 'main', quoted: true },
      { name: HLS_ATTR.DEFAULT, value: 'YES', quoted: false },
      { name: HLS_ATTR.AUTOSELECT, value: 'YES', quoted: false },
      { name: HLS_ATTR.CHANNELS, value: String(audio.channels), quoted: true },
      { name: HLS_ATTR.URI, value: audio.uri, quoted: true },
    ])}`);
  }
  for (const r of renditions) {
    const attrs: AttributeToWrite[] = [
      { name: HLS_ATTR.BANDWIDTH, value: String(Math.round(r.bandwidth)), quoted: false },
      ...(r.averageBandwidth === undefined ? [] : [{ name: HLS_ATTR.AVERAGE_BANDWIDTH, value: String(Math.round(r.averageBandwidth)), quoted: false }]),
      { name: HLS_ATTR.CODECS, value: r.codecs, quoted: true },
      { name: HLS_ATTR.RESOLUTION, value: `${r.width}x${r.height}`, quoted: false },
      { name: HLS_ATTR.FRAME_RATE, value: r.fps.toFixed(3), quoted: false },
      ...(audio === undefined ? [] : [{ name: HLS_ATTR.AUDIO, value: audio.groupId, quoted: true }]),
    ];
    lines.push(`#${HLS_TAG.STREAM_INF}:${serializeAttributeList(attrs)}`, r.uri);
  }
  return `${lines.join('\n')}\n`;
}
