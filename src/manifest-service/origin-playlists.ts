/**
 * Origin media playlists, shared by every session of this instance: fetched, parsed once with
 * content URIs made absolute, and their cue breaks read once. Sessions then only decide,
 * splice and serialize.
 *
 * - Concurrent requests for one URL share one fetch (and its failure).
 * - A fetched text equal to the previous one for that URL reuses its parse (live origins
 *   mostly answer the same window many times per target duration).
 * - An answer may be reused without fetching for a TTL: live min(liveMaxTtlMs,
 *   targetDuration / 2), VOD vodTtlMs; 0 (this class's default) always fetches. With a TTL
 *   an origin failure (or a newer live window) is seen by players up to one TTL later. The
 *   service sets the live TTL from `origin.liveCacheMaxMs` (1 s by default: a player polls
 *   once per target duration, and a CDN would cache a live playlist as long) and leaves VOD
 *   at 0, so a VOD origin that times out is a 504 at once.
 * - Bounded: least recently used URLs are dropped beyond maxEntries or maxBytes of text.
 * Cached values are shared: never mutate them.
 */
import { buildHlsPlaylist, readBreaks, rewriteUris, scanDocument, toCueInput, type Break, type HlsMediaPlaylist } from '../../manifests/index.js';
import type { Clock } from '../sessions/clock.js';
import type { OriginClient } from './origin-client.js';
import { redactUrl } from '../net/url-guard.js';
import { badPlaylist } from './origin-failure-policy.js';
import { uriResolver } from './resolve-uri.js';

export interface OriginMedia {
  /** Content URIs absolute (players resolve against us, not the origin). */
  readonly playlist: HlsMediaPlaylist;
  /** Breaks read from the playlist's cues (the same array for every session: read only). */
  readonly cued: readonly Break[];
}

export interface OriginCacheOptions {
  /** Upper bound of a live playlist's TTL (also capped at half its target duration); 0 = always fetch. */
  readonly liveMaxTtlMs?: number;
  /** TTL of a VOD playlist (EXT-X-ENDLIST); 0 = always fetch. */
  readonly vodTtlMs?: number;
  readonly maxEntries?: number;
  /** Bound on the playlist texts kept (UTF-16 code units × 2). */
  readonly maxBytes?: number;
}

interface Entry {
  readonly body: string;
  readonly media: OriginMedia;
  readonly atMs: number;
  readonly ttlMs: number;
}

export class OriginPlaylists {
  readonly #origin: OriginClient;
  readonly #clock: Clock;
  readonly #liveMaxTtlMs: number;
  readonly #vodTtlMs: number;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<OriginMedia>>();
  #bytes = 0;

  constructor(origin: OriginClient, clock: Clock, options: OriginCacheOptions = {}) {
    this.#origin = origin;
    this.#clock = clock;
    this.#liveMaxTtlMs = options.liveMaxTtlMs ?? 0;
    this.#vodTtlMs = options.vodTtlMs ?? 0;
    this.#maxEntries = Math.max(1, options.maxEntries ?? 1_000);
    this.#maxBytes = Math.max(1, options.maxBytes ?? 64 * 1024 * 1024);
  }

  /** The media playlist at `url`; rejects like OriginClient.fetchPlaylist, and ORIGIN_BAD_PLAYLIST for a multivariant playlist. */
  media(url: string, channelId: string): Promise<OriginMedia> {
    const hit = this.#entries.get(url);
    if (hit !== undefined && this.#clock.nowMs() - hit.atMs < hit.ttlMs) {
      this.#touch(url, hit);
      return Promise.resolve(hit.media);
    }
    const pending = this.#inFlight.get(url);
    if (pending !== undefined) return pending;
    const flight = this.#fetch(url, channelId).finally(() => this.#inFlight.delete(url));
    this.#inFlight.set(url, flight);
    return flight;
  }

  async #fetch(url: string, channelId: string): Promise<OriginMedia> {
    const maxBytes = this.#origin.policy.maxBytes;
    const got = await this.#origin.fetchParsed(url, channelId, (body, answeredUrl) => {
      const prev = this.#entries.get(url);
      if (prev !== undefined && prev.body === body) return { body, media: prev.media };
      if (body.length > maxBytes / 3 && Buffer.byteLength(body) > maxBytes) throw badPlaylist(channelId, redactUrl(url), 'HLS_TOO_LARGE');
      const resolve = uriResolver(answeredUrl);
      const doc = rewriteUris(scanDocument(body), (uri, kind) => (kind === 'variant' || kind === 'rendition' || kind === 'iframe' ? uri : resolve(uri)));
      const built = buildHlsPlaylist(doc);
      if (!built.ok) throw badPlaylist(channelId, redactUrl(url), built.error.code);
      return { body, media: built.value.kind === 'media' ? { playlist: built.value, cued: readBreaks(toCueInput(built.value)).breaks } : undefined };
    });
    // Outside fetchParsed on purpose: a multivariant answer here is our caller's mistake, not an origin error.
    if (got.media === undefined) throw badPlaylist(channelId, url, 'expected a media playlist, got a multivariant playlist');
    const playlist = got.media.playlist;
    const ttlMs = playlist.endList ? this.#vodTtlMs : Math.min(this.#liveMaxTtlMs, ((playlist.targetDuration ?? 0) * 1000) / 2);
    this.#store(url, { body: got.body, media: got.media, atMs: this.#clock.nowMs(), ttlMs });
    return got.media;
  }

  #touch(url: string, entry: Entry): void {
    this.#entries.delete(url);
    this.#entries.set(url, entry);
  }

  #store(url: string, entry: Entry): void {
    const prev = this.#entries.get(url);
    if (prev !== undefined) this.#bytes -= prev.body.length * 2;
    this.#touch(url, entry);
    this.#bytes += entry.body.length * 2;
    while (this.#entries.size > this.#maxEntries || (this.#bytes > this.#maxBytes && this.#entries.size > 1)) {
      const oldest = this.#entries.entries().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value[0]);
      this.#bytes -= oldest.value[1].body.length * 2;
    }
  }
}
