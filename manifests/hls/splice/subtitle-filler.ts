/**
 * Subtitles during a break: an empty WebVTT segment (one URI the service serves) repeated with
 * the durations of the ad's video segments, so the subtitle playlist gets the same number of
 * segments and the same discontinuities as video and stays in step with it.
 */
import { formatMicros, type Micros } from '../../model/time.js';
import { buildHlsPlaylist } from '../parse.js';
import { scanDocument } from '../document.js';
import type { HlsMediaPlaylist } from '../playlist-types.js';

/** A VOD media playlist of `fillerUri` with these segment durations. */
export function fillerPlaylist(segmentsUs: readonly Micros[], fillerUri: string): HlsMediaPlaylist | undefined {
  const target = Math.max(1, ...segmentsUs.map((d) => Math.ceil(d / 1_000_000)));
  const lines = ['#EXTM3U', `#EXT-X-TARGETDURATION:${target}`];
  for (const d of segmentsUs) lines.push(`#EXTINF:${formatMicros(d)},`, fillerUri);
  lines.push('#EXT-X-ENDLIST', '');
  const built = buildHlsPlaylist(scanDocument(lines.join('\n')));
  return built.ok && built.value.kind === 'media' ? built.value : undefined;
}

/** Filler playlists for every ad, shaped like each ad's video playlist. */
export function subtitleFillers(videoAds: Readonly<Record<string, HlsMediaPlaylist>>, fillerUri: string): Record<string, HlsMediaPlaylist> {
  const out: Record<string, HlsMediaPlaylist> = {};
  for (const [id, p] of Object.entries(videoAds)) {
    const filler = fillerPlaylist(p.segments.map((s) => s.durationUs), fillerUri);
    if (filler !== undefined) out[id] = filler;
  }
  return out;
}
