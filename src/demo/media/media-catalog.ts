import { z } from 'zod';

/**
 * `manifest.json` at the root of the media directory: what was generated, by which generator
 * version, and every segment with its duration. The origin builds all playlists from it, so it
 * is also the cache marker: it is written last, and a directory whose manifest is missing or
 * has another version is generated again.
 */
export const MEDIA_MANIFEST_FILE = 'manifest.json';

const segmentSchema = z.object({
  /** Relative to the asset's folder, e.g. `360p/seg-000.ts`. */
  file: z.string().regex(/^[a-z0-9]+\/seg-\d{3}\.ts$/),
  durationSec: z.number().positive(),
  bytes: z.number().int().nonnegative(),
});

const renditionSchema = z.object({
  name: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Peak segment bit rate, bits/s (HLS BANDWIDTH). */
  bandwidth: z.number().int().positive(),
  /** Mean bit rate over the asset, bits/s (HLS AVERAGE-BANDWIDTH). */
  averageBandwidth: z.number().int().positive(),
  codecs: z.string(),
  frameRate: z.number().positive(),
  segments: z.array(segmentSchema).min(1),
});

const hlsAssetSchema = z.object({
  id: z.string(),
  kind: z.enum(['content', 'ad', 'slate']),
  title: z.string(),
  durationSec: z.number().positive(),
  renditions: z.array(renditionSchema).min(1),
});

const mp4AssetSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Relative to the media directory, e.g. `ad-yellow-mp4.mp4`. */
  file: z.string(),
  durationSec: z.number().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bitrate: z.number().int().positive(),
  bytes: z.number().int().positive(),
});

export const mediaCatalogSchema = z.object({
  generatorVersion: z.string(),
  segmentDurationSec: z.number().positive(),
  /** How long the generation that wrote this directory took (ms), for the log and the report. */
  generationMs: z.number().nonnegative(),
  hls: z.array(hlsAssetSchema),
  mp4: z.array(mp4AssetSchema),
});

export type DemoSegment = z.infer<typeof segmentSchema>;
export type DemoRendition = z.infer<typeof renditionSchema>;
export type DemoHlsAsset = z.infer<typeof hlsAssetSchema>;
export type DemoMp4Asset = z.infer<typeof mp4AssetSchema>;
export type DemoMediaCatalog = z.infer<typeof mediaCatalogSchema>;

/** The catalog's HLS asset with this id, or undefined. */
export function findHlsAsset(catalog: DemoMediaCatalog, id: string): DemoHlsAsset | undefined {
  return catalog.hls.find((a) => a.id === id);
}

export function findRendition(asset: DemoHlsAsset, name: string): DemoRendition | undefined {
  return asset.renditions.find((r) => r.name === name);
}

/**
 * Reads EXTINF durations and segment URIs from a media playlist ffmpeg wrote. Only ffmpeg's
 * own simple output is expected here, so a line scan is enough.
 */
export function readFfmpegMediaPlaylist(text: string): { uri: string; durationSec: number }[] {
  const out: { uri: string; durationSec: number }[] = [];
  let pending: number | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) {
      pending = Number.parseFloat(line.slice('#EXTINF:'.length));
    } else if (line !== '' && !line.startsWith('#') && pending !== undefined) {
      out.push({ uri: line, durationSec: pending });
      pending = undefined;
    }
  }
  return out;
}
