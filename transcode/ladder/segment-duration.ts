/**
 * The segment duration a channel cuts to. EXT-X-TARGETDURATION is only an upper bound (an
 * integer); the ad must be cut like the content, so we take the most common EXTINF among
 * full segments (the last segment of a VOD is usually short). Pure.
 */
import type { HlsMediaPlaylist } from '../../manifests/index.js';

export function typicalSegmentDuration(playlists: readonly HlsMediaPlaylist[]): number | undefined {
  const counts = new Map<number, number>();
  for (const p of playlists) {
    const full = p.endList ? p.segments.slice(0, -1) : p.segments;
    for (const s of full.length > 0 ? full : p.segments) {
      const ms = Math.round(s.durationUs / 1000);
      if (ms > 0) counts.set(ms, (counts.get(ms) ?? 0) + 1);
    }
  }
  let best: [number, number] | undefined;
  for (const [ms, n] of counts) if (best === undefined || n > best[1] || (n === best[1] && ms > best[0])) best = [ms, n];
  if (best !== undefined) return best[0] / 1000;
  const target = playlists.map((p) => p.targetDuration).find((t) => t !== undefined && t > 0);
  return target;
}
