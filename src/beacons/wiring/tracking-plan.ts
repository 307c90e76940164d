/**
 * Which rendition's plan the client-side tracking API (`GET /v1/tracking/:session`) shows:
 * the first video variant of the multivariant playlist (all video variants share
 * segmentation, so times and event ids match whatever variant the player's clock follows);
 * an audio-only stream's first variant otherwise.
 */
/** The segmentation group the rendition map gives each entry (manifest-service/rendition-map.ts). */
export interface GroupedEntry {
  readonly g: string;
}

/** Index of the tracking rendition among the session's media playlists, or undefined. */
export function trackingRendition(entries: readonly GroupedEntry[]): number | undefined {
  const video = entries.findIndex((e) => e.g === 'v');
  if (video >= 0) return video;
  const audioOnly = entries.findIndex((e) => e.g === 'va');
  return audioOnly >= 0 ? audioOnly : undefined;
}
