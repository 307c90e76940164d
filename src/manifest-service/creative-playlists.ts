/**
 * Ad creatives' (and the slate's) playlists, fetched through the origin client and kept in
 * a small in-process LRU keyed by URL: a creative's HLS package is immutable, so every
 * session, rendition and refresh reuses one fetch, and concurrent first requests share it.
 */
import { parseHls, type HlsMediaPlaylist, type Timeline } from '../../manifests/index.js';
import { adPlaylistUris, selectAdPlaylist } from './ad-rendition-select.js';
import { LruCache } from './lru-cache.js';
import { badPlaylist } from './origin-failure-policy.js';
import type { OriginClient, PlaylistFetch } from './origin-client.js';
import type { RenditionEntry } from './rendition-map.js';
import type { SegmentPart } from './segment-id.js';

export interface ChosenCreativePlaylist {
  /** Index into `adPlaylistUris` of the creative's top playlist. */
  readonly playlistIndex: number;
  readonly media: HlsMediaPlaylist;
  readonly url: string;
}

/**
 * Reads a playlist this service serves itself, by its service-relative URL (`/creatives/...`:
 * conditioned creatives in the local store); undefined when there is no such file.
 */
export type LocalPlaylistReader = (url: string) => Promise<string | undefined>;

/** What one fetched playlist names, resolved once: a creative's playlists are immutable. */
interface Resolved {
  /** Top playlist: its ad media playlists' URLs, by `adPlaylistUris` index. */
  adPlaylists?: readonly string[];
  /** Media playlist: its segments' URLs, filled as segments are asked for. */
  readonly segments: string[];
  timeline?: Timeline;
}

export class CreativePlaylists {
  readonly #origin: OriginClient;
  readonly #cache: LruCache<PlaylistFetch>;
  readonly #local: LocalPlaylistReader | undefined;
  /**
   * Every ad segment redirect and its beacons asked these of the same fetched playlists:
   * three URL parses and two arrays per request. Weak: they go with the LRU's entries.
   */
  readonly #resolved = new WeakMap<PlaylistFetch, Resolved>();

  constructor(origin: OriginClient, maxEntries = 500, local?: LocalPlaylistReader) {
    this.#origin = origin;
    this.#cache = new LruCache(maxEntries);
    this.#local = local;
  }

  /** Rejects with the origin client's ORIGIN_* errors. */
  load(url: string, channelId: string): Promise<PlaylistFetch> {
    return this.#cache.load(url, () => (isServiceRelative(url) ? this.#loadLocal(url, channelId) : this.#origin.fetchPlaylist(url, channelId)));
  }

  async #loadLocal(url: string, channelId: string): Promise<PlaylistFetch> {
    const text = this.#local === undefined ? undefined : await this.#local(url);
    if (text === undefined) throw badPlaylist(channelId, url, 'NOT_FOUND');
    const parsed = parseHls(text);
    if (!parsed.ok) throw badPlaylist(channelId, url, parsed.error.code);
    return { playlist: parsed.value, url };
  }

  /** The creative's media playlist that plays in place of `content`; undefined: keep content. */
  async choose(topUrl: string, content: RenditionEntry, channelId: string): Promise<ChosenCreativePlaylist | undefined> {
    const top = await this.load(topUrl, channelId);
    const index = selectAdPlaylist(content, top.playlist);
    if (index === undefined) return undefined;
    const media = await this.#mediaAt(top, index, channelId);
    return media === undefined ? undefined : { playlistIndex: index, media: media.media, url: media.fetched.url };
  }

  /** Where one URI of a creative's segment really lives, or undefined when it names nothing. */
  async target(topUrl: string, playlistIndex: number, segment: number, part: SegmentPart, channelId: string): Promise<string | undefined> {
    const top = await this.load(topUrl, channelId);
    const media = await this.#mediaAt(top, playlistIndex, channelId);
    const seg = media?.media.segments[segment];
    if (media === undefined || seg === undefined) return undefined;
    if (part.kind === 'media') {
      const urls = this.#resolvedOf(media.fetched).segments;
      return (urls[segment] ??= resolveUri(seg.uri, media.fetched.url));
    }
    const uri = part.kind === 'map' ? seg.map?.uri : seg.keys[part.index]?.uri;
    return uri === undefined ? undefined : resolveUri(uri, media.fetched.url);
  }

  /** Segment durations of one of the creative's media playlists (the ad's timeline in that rendition). */
  async timeline(topUrl: string, playlistIndex: number, channelId: string): Promise<Timeline | undefined> {
    const top = await this.load(topUrl, channelId);
    const media = await this.#mediaAt(top, playlistIndex, channelId);
    if (media === undefined) return undefined;
    const resolved = this.#resolvedOf(media.fetched);
    return (resolved.timeline ??= { segmentsUs: media.media.segments.map((seg) => seg.durationUs) });
  }

  async #mediaAt(top: PlaylistFetch, index: number, channelId: string): Promise<{ media: HlsMediaPlaylist; fetched: PlaylistFetch } | undefined> {
    if (top.playlist.kind === 'media') return index === 0 ? { media: top.playlist, fetched: top } : undefined;
    const resolved = this.#resolvedOf(top);
    const url = (resolved.adPlaylists ??= adPlaylistUris(top.playlist).map((uri) => resolveUri(uri, top.url)))[index];
    if (url === undefined) return undefined;
    const fetched = await this.load(url, channelId);
    return fetched.playlist.kind === 'media' ? { media: fetched.playlist, fetched } : undefined;
  }

  #resolvedOf(fetched: PlaylistFetch): Resolved {
    let r = this.#resolved.get(fetched);
    if (r === undefined) this.#resolved.set(fetched, (r = { segments: [] }));
    return r;
  }
}

/** `/creatives/...`: a path on this service (the 302 keeps it relative, so any host works). */
function isServiceRelative(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

function resolveUri(uri: string, base: string): string {
  if (!isServiceRelative(base)) return new URL(uri, base).href;
  const u = new URL(uri, `http://service.invalid${base}`);
  return u.origin === 'http://service.invalid' ? `${u.pathname}${u.search}` : u.href;
}
