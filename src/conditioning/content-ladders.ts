/**
 * The target profiles of a stream, read from its content: the multivariant playlist and one
 * media playlist per variant (and per demuxed audio rendition) through the fetcher, then
 * `readContentLadder` (transcode/ladder, pure) and `profilesFromLadder`. A content segment
 * is downloaded and probed only for a variant whose CODECS, RESOLUTION or FRAME-RATE is
 * missing, once per variant.
 *
 * Cached per multivariant URL (a channel's stream): ladders change rarely. After `ttlMs`
 * the cached answer is still served while one refresh runs in the background, so a decision
 * never waits for a re-read; only the very first read of a stream is waited for (and the
 * resolver bounds that wait by the decision deadline). A failed read is remembered for
 * `failureTtlMs` so a broken stream is not re-read on every decision.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHls, type HlsMultivariantPlaylist } from '../../manifests/index.js';
import {
  DEFAULT_LOUDNESS_TARGET, profileSetKey, profilesFromLadder, readContentLadder, transcodeError, TranscodeError,
  type Downloader, type MediaProbe, type ProfileSet, type Prober,
} from '../../transcode/index.js';
import type { FetchPolicy } from '../config/index.js';
import type { Fetcher } from '../net/fetcher.js';
import type { Logger } from '../observability/logger.js';
import type { Clock } from '../sessions/clock.js';

export interface StreamProfiles {
  readonly multivariantUrl: string;
  readonly profiles: ProfileSet;
  readonly profileSetKey: string;
  readonly assumptions: readonly string[];
}

export interface ContentLaddersDeps {
  readonly fetcher: Fetcher;
  readonly policy: FetchPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ttlMs: number;
  /** x264 preset the profiles carry (it is part of the profile set key). */
  readonly preset: string;
  /** For variants whose playlists do not say their codec, size or frame rate. */
  readonly probe?: { readonly prober: Prober; readonly downloader: Downloader; readonly maxBytes: number; readonly timeoutMs: number };
  readonly failureTtlMs?: number;
  readonly maxEntries?: number;
}

interface Entry {
  readonly atMs: number;
  readonly value: Promise<StreamProfiles>;
  settled: StreamProfiles | undefined;
  failed: boolean;
  refreshing: boolean;
}

export class ContentLadders {
  readonly #d: ContentLaddersDeps;
  readonly #entries = new Map<string, Entry>();

  constructor(deps: ContentLaddersDeps) {
    this.#d = deps;
  }

  /**
   * The stream's profiles. Rejects with TranscodeError TRANSCODE_LADDER_INVALID (unreadable
   * ladder, no H.264 video) or the fetcher's FetchError (origin down).
   */
  profilesFor(multivariantUrl: string): Promise<StreamProfiles> {
    const now = this.#d.clock.nowMs();
    const entry = this.#entries.get(multivariantUrl);
    if (entry !== undefined) {
      const age = now - entry.atMs;
      if (entry.failed && age >= (this.#d.failureTtlMs ?? 10_000)) return this.#load(multivariantUrl, now).value;
      if (!entry.failed && entry.settled !== undefined && age >= this.#d.ttlMs && !entry.refreshing) {
        entry.refreshing = true;
        const fresh = this.#start(multivariantUrl, now);
        // only a successful refresh replaces the cached ladder
        fresh.value.then(() => this.#entries.set(multivariantUrl, fresh), () => { entry.refreshing = false; });
      }
      return entry.value;
    }
    return this.#load(multivariantUrl, now).value;
  }

  /** The cached answer without waiting; undefined until the first read finished. */
  peek(multivariantUrl: string): StreamProfiles | undefined {
    return this.#entries.get(multivariantUrl)?.settled;
  }

  #load(url: string, now: number): Entry {
    const entry = this.#start(url, now);
    this.#entries.set(url, entry);
    const max = this.#d.maxEntries ?? 1_000;
    if (this.#entries.size > max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return entry;
  }

  #start(url: string, now: number): Entry {
    const entry: Entry = { atMs: now, value: this.#read(url), settled: undefined, failed: false, refreshing: false };
    entry.value.then((v) => { entry.settled = v; }, () => { entry.failed = true; });
    return entry;
  }

  async #read(url: string): Promise<StreamProfiles> {
    const { fetcher, policy } = this.#d;
    const top = await fetcher.fetchText(url, { policy, kind: 'origin-manifest' });
    const parsed = parseHls(top.body, { maxBytes: policy.maxBytes });
    if (!parsed.ok || parsed.value.kind !== 'multivariant') {
      throw transcodeError('TRANSCODE_LADDER_INVALID', parsed.ok ? 'the stream\'s playlist is a media playlist, not a multivariant one' : `multivariant playlist does not parse: ${parsed.error.message}`, { url, reason: parsed.ok ? 'media playlist' : parsed.error.code });
    }
    const mv = parsed.value;
    const uris = mediaUris(mv);
    const mediaPlaylists: Record<string, string> = {};
    const mediaUrls: Record<string, string> = {};
    await Promise.all(uris.map(async (uri) => {
      const res = await fetcher.fetchText(new URL(uri, top.url).href, { policy, kind: 'origin-manifest' });
      mediaPlaylists[uri] = res.body;
      mediaUrls[uri] = res.url;
    }));
    const probes = await this.#probeWhereMissing(mv, mediaPlaylists, mediaUrls);
    const ladder = readContentLadder({ multivariant: top.body, mediaPlaylists, probes });
    if (!ladder.ok) throw new TranscodeError(ladder.error.code, ladder.error.message, { url, ...(ladder.error.context ?? {}) });
    const profiles = profilesFromLadder(ladder.value, { preset: this.#d.preset });
    const key = profileSetKey(profiles, DEFAULT_LOUDNESS_TARGET);
    this.#d.logger.info({ url, profileSetKey: key, rungs: profiles.video.map((v) => `${v.width}x${v.height}`), assumptions: ladder.value.assumptions, probed: Object.keys(probes) }, 'content ladder read');
    return { multivariantUrl: url, profiles, profileSetKey: key, assumptions: ladder.value.assumptions };
  }

  async #probeWhereMissing(mv: HlsMultivariantPlaylist, playlists: Record<string, string>, urls: Record<string, string>): Promise<Record<string, MediaProbe>> {
    const probe = this.#d.probe;
    const missing = mv.variants.filter((v) => v.codecs === undefined || v.resolution === undefined || v.frameRate === undefined);
    if (probe === undefined || missing.length === 0) return {};
    const out: Record<string, MediaProbe> = {};
    const dir = await mkdtemp(join(tmpdir(), 'interlude-ladder-'));
    try {
      for (const v of missing) {
        const text = playlists[v.uri];
        const base = urls[v.uri];
        const media = text === undefined ? undefined : parseHls(text);
        const seg = media?.ok === true && media.value.kind === 'media' ? media.value.segments[0] : undefined;
        if (seg === undefined || base === undefined) continue;
        const path = join(dir, `seg-${Object.keys(out).length}`);
        await probe.downloader.download({ url: new URL(seg.uri, base).href, destPath: path, maxBytes: probe.maxBytes, timeoutMs: probe.timeoutMs });
        out[v.uri] = await probe.prober.probe(path);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return out;
  }
}

function mediaUris(mv: HlsMultivariantPlaylist): string[] {
  const set = new Set<string>(mv.variants.map((v) => v.uri));
  const audioGroups = new Set(mv.variants.map((v) => v.audio).filter((g): g is string => g !== undefined));
  for (const r of mv.renditions) {
    if (r.type === 'AUDIO' && r.uri !== undefined && audioGroups.has(r.groupId)) set.add(r.uri);
  }
  return [...set];
}
