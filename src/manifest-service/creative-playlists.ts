/**
 * Ad creatives' (and the slate's) playlists, fetched through the origin client and kept in
 * a small in-process LRU keyed by URL: a creative's HLS package is immutable, so every
 * session, rendition and refresh reuses one fetch, and concurrent first requests share it.
 */
import type { HlsMediaPlaylist } from '../../manifests/index.js';
import { adPlaylistUris, selectAdPlaylist } from './ad-rendition-select.js';
import { LruCache } from './lru-cache.js';
import type { OriginClient, PlaylistFetch } from './origin-client.js';
import type { RenditionEntry } from './rendition-map.js';
import type { SegmentPart } from './segment-id.js';

export interface ChosenCreativePlaylist {
  /** Index into `adPlaylistUris` of the creative's top playlist. */
  readonly playlistIndex: number;
  readonly media: HlsMediaPlaylist;
  readonly url: string;
}

export class CreativePlaylists {
  readonly #origin: OriginClient;
  readonly #cache: LruCache<PlaylistFetch>;

  constructor(origin: OriginClient, maxEntries = 500) {
    this.#origin = origin;
    this.#cache = new LruCache(maxEntries);
  }

  /** Rejects with the origin client's ORIGIN_* errors. */
  load(url: string, channelId: string): Promise<PlaylistFetch> {
    return this.#cache.load(url, () => this.#origin.fetchPlaylist(url, channelId));
  }

  /** The creative's media playlist that plays in place of `content`; undefined: keep content. */
  async choose(topUrl: string, content: RenditionEntry, channelId: string): Promise<ChosenCreativePlaylist | undefined> {
    const top = await this.load(topUrl, channelId);
    const index = selectAdPlaylist(content, top.playlist);
    if (index === undefined) return undefined;
    const media = await this.#mediaAt(top, index, channelId);
    return media === undefined ? undefined : { playlistIndex: index, ...media };
  }

  /** Where one URI of a creative's segment really lives, or undefined when it names nothing. */
  async target(topUrl: string, playlistIndex: number, segment: number, part: SegmentPart, channelId: string): Promise<string | undefined> {
    const top = await this.load(topUrl, channelId);
    const media = await this.#mediaAt(top, playlistIndex, channelId);
    const seg = media?.media.segments[segment];
    if (media === undefined || seg === undefined) return undefined;
    const uri = part.kind === 'media' ? seg.uri : part.kind === 'map' ? seg.map?.uri : seg.keys[part.index]?.uri;
    return uri === undefined ? undefined : new URL(uri, media.url).href;
  }

  async #mediaAt(top: PlaylistFetch, index: number, channelId: string): Promise<{ media: HlsMediaPlaylist; url: string } | undefined> {
    if (top.playlist.kind === 'media') return index === 0 ? { media: top.playlist, url: top.url } : undefined;
    const uri = adPlaylistUris(top.playlist)[index];
    if (uri === undefined) return undefined;
    const fetched = await this.load(new URL(uri, top.url).href, channelId);
    return fetched.playlist.kind === 'media' ? { media: fetched.playlist, url: fetched.url } : undefined;
  }
}
