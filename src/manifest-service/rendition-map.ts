/**
 * The session's rendition map: which origin media playlist `/v1/manifest/:channel/:session/<n>.m3u8`
 * stands for, and what the splice needs to know about it without fetching the multivariant
 * again (segmentation group, and the variant's shape to pick matching ad renditions).
 *
 * It is the origin's, the same for every session of one origin path: a session stores only
 * its fingerprint (Session.renditions), and an instance derives the map again from the
 * origin's multivariant playlist when it needs it. Sessions of earlier versions stored the
 * map, or its fingerprint, as live state under `RENDITION_MAP_KEY`; both still read.
 */
import { createHash } from 'node:crypto';
import type { HlsMultivariantPlaylist } from '../../manifests/index.js';

/** Live-state key earlier versions stored the map under; rendition live states use group keys, which never equal it. */
export const RENDITION_MAP_KEY = '#r';

/** What the `<n>` of one manifest URL is. */
export interface RenditionEntry {
  /** URI as written in the multivariant (resolve against `RenditionMap.base`); '' = the base itself. */
  readonly u: string;
  /**
   * Segmentation group: renditions sharing it share one live splice state, so ABR switches
   * keep MSN and discontinuity numbering aligned. `v` video variants, `va` audio-only
   * variants, `m:<TYPE>:<GROUP-ID>` alternate renditions, `i` I-frame playlists (never spliced).
   */
  readonly g: string;
  /** BANDWIDTH, bit/s. */
  readonly b?: number;
  /** RESOLUTION. */
  readonly w?: number;
  readonly h?: number;
  /** 1: audio only (a variant without video, or an AUDIO rendition). */
  readonly a?: 1;
  /** LANGUAGE of an alternate rendition. */
  readonly l?: string;
}

export interface RenditionMap {
  /** Absolute URL of the origin multivariant (or media) playlist the URIs are relative to. */
  readonly base: string;
  readonly e: readonly RenditionEntry[];
}

export const GROUP_VIDEO = 'v';
export const GROUP_AUDIO_ONLY = 'va';
export const GROUP_IFRAME = 'i';

/** Video codecs start with one of these (RFC 6381 sample entries); anything else is audio or text. */
const VIDEO_CODEC = /^(avc[1-4]|hvc1|hev1|dvh[1e]|vp0?[89]|av01|mp4v)/i;

function audioOnly(codecs: string | undefined, hasResolution: boolean): boolean {
  if (hasResolution || codecs === undefined) return false;
  return !codecs.split(',').some((c) => VIDEO_CODEC.test(c.trim()));
}

/**
 * Numbers every variant, rendition (with a URI) and I-frame playlist of a multivariant
 * playlist, in document order, one number per distinct URI. Returns the map and the number
 * each URI got.
 */
export function buildRenditionMap(base: string, master: HlsMultivariantPlaylist): { map: RenditionMap; indexOf: ReadonlyMap<string, number> } {
  const entries: RenditionEntry[] = [];
  const indexOf = new Map<string, number>();
  const add = (uri: string, entry: RenditionEntry) => {
    if (indexOf.has(uri)) return;
    indexOf.set(uri, entries.length);
    entries.push(entry);
  };
  type Item = { line: number; add: () => void };
  const items: Item[] = [
    ...master.variants.map((v): Item => ({
      line: v.uriLine,
      add: () => {
        const ao = audioOnly(v.codecs, v.resolution !== undefined);
        add(v.uri, {
          u: v.uri, g: ao ? GROUP_AUDIO_ONLY : GROUP_VIDEO,
          ...(v.bandwidth === undefined ? {} : { b: v.bandwidth }),
          ...(v.resolution === undefined ? {} : { w: v.resolution.width, h: v.resolution.height }),
          ...(ao ? { a: 1 as const } : {}),
        });
      },
    })),
    ...master.renditions.filter((r) => r.uri !== undefined).map((r): Item => ({
      line: r.line,
      add: () => add(r.uri ?? '', {
        u: r.uri ?? '', g: `m:${r.type}:${r.groupId}`,
        ...(r.type === 'AUDIO' ? { a: 1 as const } : {}),
        ...(r.language === undefined ? {} : { l: r.language }),
      }),
    })),
    ...master.iFrameVariants.map((f): Item => ({
      line: f.line,
      add: () => add(f.uri, { u: f.uri, g: GROUP_IFRAME, ...(f.bandwidth === undefined ? {} : { b: f.bandwidth }) }),
    })),
  ];
  items.sort((x, y) => x.line - y.line).forEach((it) => it.add());
  return { map: { base, e: entries }, indexOf };
}

/** A media playlist given as the session's entry point: one rendition, itself. */
export function singleRenditionMap(base: string): RenditionMap {
  return { base, e: [{ u: '', g: GROUP_VIDEO }] };
}

// Entries are shared by every session of one origin path (PlaybackService keeps one copy).
const resolved = new WeakMap<RenditionEntry, { readonly base: string; readonly url: string }>();

// Maps are shared objects (PlaybackService keeps one copy per distinct map).
const fingerprints = new WeakMap<RenditionMap, string>();

/** A short digest of a map: what a session stores to find its map again on any instance. */
export function renditionMapFingerprint(map: RenditionMap): string {
  let fp = fingerprints.get(map);
  if (fp === undefined) {
    fp = createHash('sha1').update(JSON.stringify(map)).digest('base64url').slice(0, 16);
    fingerprints.set(map, fp);
  }
  return fp;
}

export function entryUrl(map: RenditionMap, entry: RenditionEntry): string {
  const known = resolved.get(entry);
  if (known !== undefined && known.base === map.base) return known.url;
  const url = new URL(entry.u, map.base).href;
  resolved.set(entry, { base: map.base, url });
  return url;
}

/** Shape check of a stored map (it comes back from JSON); undefined when unusable. */
export function readRenditionMap(v: unknown): RenditionMap | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const m = v as { base?: unknown; e?: unknown };
  if (typeof m.base !== 'string' || !Array.isArray(m.e)) return undefined;
  const ok = m.e.every((x: unknown) => typeof x === 'object' && x !== null && typeof (x as RenditionEntry).u === 'string' && typeof (x as RenditionEntry).g === 'string');
  return ok ? { base: m.base, e: m.e as RenditionEntry[] } : undefined;
}
