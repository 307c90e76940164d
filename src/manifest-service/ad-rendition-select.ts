/**
 * Which of an ad creative's playlists plays in place of one content rendition. Pure.
 *
 * An ad's playlists are numbered the way its segment ids name them (`adPlaylistUris`):
 * variants in order, then alternate renditions that have a URI; a creative given as a media
 * playlist is its own playlist 0.
 *
 * - video content: the ad variant nearest in resolution (pixel count), then in bandwidth;
 *   audio-only ad variants are never chosen for video.
 * - audio-only content (audio-only variant or AUDIO rendition): an AUDIO rendition of the
 *   ad (same language first), else an audio-only variant; none → keep content (undefined).
 * - subtitles, closed captions, I-frame playlists: keep content (undefined).
 */
import type { HlsPlaylist } from '../../manifests/index.js';
import type { RenditionEntry } from './rendition-map.js';
import { GROUP_IFRAME } from './rendition-map.js';

interface Candidate {
  readonly index: number;
  readonly audioOnly: boolean;
  readonly isRendition: boolean;
  readonly bandwidth?: number;
  readonly pixels?: number;
  readonly language?: string;
}

const VIDEO_CODEC = /^(avc[1-4]|hvc1|hev1|dvh[1e]|vp0?[89]|av01|mp4v)/i;

export function adPlaylistUris(p: HlsPlaylist): string[] {
  if (p.kind === 'media') return [''];
  return [...p.variants.map((v) => v.uri), ...p.renditions.filter((r) => r.uri !== undefined).map((r) => r.uri ?? '')];
}

function candidates(p: HlsPlaylist): Candidate[] {
  if (p.kind === 'media') return [{ index: 0, audioOnly: false, isRendition: false }];
  const out: Candidate[] = p.variants.map((v, index) => ({
    index,
    audioOnly: v.resolution === undefined && v.codecs !== undefined && !v.codecs.split(',').some((c) => VIDEO_CODEC.test(c.trim())),
    isRendition: false,
    ...(v.bandwidth === undefined ? {} : { bandwidth: v.bandwidth }),
    ...(v.resolution === undefined ? {} : { pixels: v.resolution.width * v.resolution.height }),
  }));
  p.renditions.filter((r) => r.uri !== undefined).forEach((r, i) => {
    if (r.type !== 'AUDIO') return;
    out.push({ index: p.variants.length + i, audioOnly: true, isRendition: true, ...(r.language === undefined ? {} : { language: r.language }) });
  });
  return out;
}

function distance(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined ? Number.MAX_SAFE_INTEGER : Math.abs(a - b);
}

/** Index into `adPlaylistUris(ad)`, or undefined: this rendition keeps its content. */
export function selectAdPlaylist(content: RenditionEntry, ad: HlsPlaylist): number | undefined {
  if (content.g === GROUP_IFRAME || content.g.startsWith('m:SUBTITLES') || content.g.startsWith('m:CLOSED-CAPTIONS')) return undefined;
  const all = candidates(ad);
  if (content.a === 1) {
    const renditions = all.filter((c) => c.isRendition);
    const sameLanguage = renditions.find((c) => content.l !== undefined && c.language === content.l);
    const pick = sameLanguage ?? renditions[0] ?? all.find((c) => c.audioOnly);
    return pick?.index;
  }
  const video = all.filter((c) => !c.audioOnly);
  const pixels = content.w === undefined || content.h === undefined ? undefined : content.w * content.h;
  let best: Candidate | undefined;
  for (const c of video) {
    if (best === undefined) {
      best = c;
      continue;
    }
    const dp = distance(c.pixels, pixels) - distance(best.pixels, pixels);
    if (dp < 0 || (dp === 0 && distance(c.bandwidth, content.b) < distance(best.bandwidth, content.b))) best = c;
  }
  return best?.index;
}
