/**
 * Picks the source to condition from a creative's VAST MediaFiles. Pure.
 *
 * Order of preference: the VAST 4 `<Mezzanine>` (the advertiser's master, made for exactly
 * this), else the best progressive MP4 (largest frame, then highest bitrate), else any
 * progressive video the decoder may read (WebM, MOV, 3GP). Streaming files (HLS/DASH) are
 * not sources: they are either already playable or not ours to re-encode; VPAID / images /
 * audio are not video.
 */
export interface CreativeMediaFile {
  readonly url: string;
  /** MIME type as written (`video/mp4`), if any. */
  readonly mimeType?: string;
  /** `progressive` | `streaming`; progressive when absent. */
  readonly delivery?: string;
  readonly width?: number;
  readonly height?: number;
  /** kbit/s as VAST writes it. */
  readonly bitrateKbps?: number;
  /** True for the VAST 4 `<Mezzanine>` element. */
  readonly mezzanine?: boolean;
  readonly apiFramework?: string;
}

const MP4 = /^video\/(mp4|x-m4v)$/i;
const OTHER_VIDEO = /^video\/(webm|quicktime|3gpp|x-matroska|mpeg)$/i;
const MP4_EXT = /\.(mp4|m4v)(\?|#|$)/i;

export function pickSourceMediaFile(files: readonly CreativeMediaFile[]): CreativeMediaFile | undefined {
  const usable = files.filter((f) => /^(https?|file):/i.test(f.url) && f.apiFramework === undefined);
  const mezzanine = usable.find((f) => f.mezzanine === true);
  if (mezzanine !== undefined) return mezzanine;
  const progressive = usable.filter((f) => (f.delivery ?? 'progressive').toLowerCase() === 'progressive');
  const mp4 = progressive.filter((f) => (f.mimeType !== undefined ? MP4.test(f.mimeType) : MP4_EXT.test(f.url)));
  const best = [...mp4].sort(byQuality)[0];
  if (best !== undefined) return best;
  return [...progressive.filter((f) => f.mimeType !== undefined && OTHER_VIDEO.test(f.mimeType))].sort(byQuality)[0];
}

function byQuality(a: CreativeMediaFile, b: CreativeMediaFile): number {
  const pixels = (f: CreativeMediaFile) => (f.width ?? 0) * (f.height ?? 0);
  return pixels(b) - pixels(a) || (b.bitrateKbps ?? 0) - (a.bitrateKbps ?? 0);
}
