/**
 * The player path, transport-free (the HTTP edge is src/http/routes/player): session start,
 * the session's multivariant playlist, its media playlists (fetch, read cues, decide, splice),
 * ad segment redirects and the tracking summary. Throws only catalogue errors.
 *
 * Store round trips per media playlist refresh: one pipelined load (session touch, live
 * state, stored decisions: SessionStore.loadForPlaylist), plus one write when the live splice
 * state changed, plus the decision store's claim/commit for a break seen for the first time.
 * The session's rendition map is read once per instance and kept in an LRU (it never changes
 * after the multivariant request).
 */
import { serializeHls, type Break, type HlsMediaPlaylist, type Micros, type Pod, type SplicePlan, type Timeline } from '../../manifests/index.js';
import { trackingRendition } from '../beacons/wiring/tracking-plan.js';
import { trackingJson, type TrackingJson } from '../beacons/tracking/index.js';
import type { Channel } from '../channels/channel-schema.js';
import type { ChannelService } from '../channels/channel-service.js';
import type { DecisionStore } from '../decisioning/decision-store/decision-store.js';
import { interludeError, isInterludeError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../sessions/clock.js';
import type { Session } from '../sessions/session.js';
import type { SessionService, SessionStartFacts } from '../sessions/session-service.js';
import type { PlaylistState, SessionStore } from '../sessions/session-store.js';
import { sessionNotFound } from '../sessions/store-errors.js';
import type { BreakDecider } from './break-decider.js';
import type { CreativePlaylists } from './creative-playlists.js';
import { AnsweredPlaylists, type AnswerInputs } from './answered-playlists.js';
import { LruCache } from './lru-cache.js';
import { rewriteMaster } from './master-rewrite.js';
import { spliceMedia, type MediaSpliceOutput } from './media-splice.js';
import { staleLiveWindowMs } from './origin-failure-policy.js';
import type { OriginClient } from './origin-client.js';
import { OriginPlaylists, type OriginCacheOptions, type OriginMedia } from './origin-playlists.js';
import type { PlaybackMetrics } from './playback-metrics.js';
import { entryUrl, GROUP_AUDIO_ONLY, GROUP_IFRAME, GROUP_VIDEO, readRenditionMap, renditionMapFingerprint, RENDITION_MAP_KEY, type RenditionEntry, type RenditionMap } from './rendition-map.js';
import { decodeSegmentId, type AdSegmentId } from './segment-id.js';
import { breaksAtOffsets, readLiveState, toPlanSegments, type LiveState } from './splice-engine.js';

/** One ad media segment request, with what server-side beacons need (no extra store read). */
export interface AdSegmentRequest {
  readonly session: Session;
  readonly id: AdSegmentId;
  /** The break's stored pod; `id.ad` indexes its ads. */
  readonly pod: Pod;
  /** Segment durations of the ad's media playlist in the requested rendition (cached playlist). */
  readonly timeline: Timeline | undefined;
}

/**
 * Called for every ad media segment request, before the 302 is written; the beacons work
 * hooks in here. Must not block: it returns at once and does its work after the response.
 */
export type AdSegmentHook = (request: AdSegmentRequest) => void;

/** One spliced media playlist's plan, for server-side firing (beacons/wiring/plan-recorder.ts). */
export interface SplicedPlaylist {
  readonly session: Session;
  readonly map: RenditionMap;
  readonly rendition: number;
  readonly plan: SplicePlan;
  /** VOD: where the output playlist ends (a break running to it is a post-roll). */
  readonly outputEndUs?: Micros;
}

/** Told every spliced plan (server-side firing keeps break placements from it); must not block. */
export type PlaylistPlanHook = (planned: SplicedPlaylist) => void;

export interface PlaybackServiceDeps {
  readonly channels: ChannelService;
  readonly sessions: SessionService;
  readonly store: SessionStore;
  readonly decisions: DecisionStore;
  readonly origin: OriginClient;
  readonly creatives: CreativePlaylists;
  readonly decider: BreakDecider;
  readonly clock: Clock;
  readonly metrics: Metrics;
  readonly playbackMetrics: PlaybackMetrics;
  readonly logger: Logger;
  readonly sessionTtlMs: number;
  /** Upper bound on serving a live rendition's last good playlist while the origin fails. */
  readonly staleLiveMaxAgeMs: number;
  /** Prefix of URLs handed to players ('' = path-absolute URLs on this host). */
  readonly publicBaseUrl?: string;
  readonly onAdSegmentRequest?: AdSegmentHook;
  readonly onPlaylistPlanned?: PlaylistPlanHook;
  /** The shared origin media playlist cache (default: no TTL, coalescing and parse reuse only). */
  readonly originCache?: OriginCacheOptions;
}

/** Where a refresh that has to splice stands (PlaybackService.media). */
interface SpliceAt {
  readonly state: PlaylistState<unknown>;
  readonly channel: Channel;
  readonly map: RenditionMap;
  readonly entry: RenditionEntry;
  readonly n: number;
  readonly content: HlsMediaPlaylist;
  readonly breaks: readonly Break[];
  readonly inputs: AnswerInputs;
  /** Subtitle renditions: the video entry whose ad playlists give the filler's shape. */
  readonly shapeFrom?: RenditionEntry;
}

export type SessionStart =
  | { readonly kind: 'new'; readonly facts: SessionStartFacts }
  | { readonly kind: 'existing'; readonly sessionId: string };

const HLS_PATH = /\.m3u8$/i;
/** A rendition key no entry has (group keys are never empty): loads without live state. */
const NO_RENDITION = '';
/** The empty WebVTT segment subtitle renditions play during ads (served by the player routes). */
export const SUBTITLE_FILLER_PATH = '/v1/filler/empty.vtt';
const CHANNEL_CACHE_MS = 2_000;

export class PlaybackService {
  readonly #d: PlaybackServiceDeps;
  readonly #maps = new LruCache<RenditionMap>(20_000);
  /** One shared copy per distinct map: every session of one origin path has the same map. */
  readonly #canonicalMaps = new LruCache<RenditionMap>(1_000);
  /** The rendition map each origin multivariant URL gave last (sessions store a fingerprint). */
  readonly #originMaps = new LruCache<RenditionMap>(1_000);
  readonly #answered: AnsweredPlaylists;
  readonly #breaks = new WeakMap<OriginMedia, { readonly channel: Channel; readonly breaks: readonly Break[] }>();
  readonly #originMedia: OriginPlaylists;
  readonly #channels = new LruCache<{ readonly channel: Channel; readonly atMs: number }>(1_000);

  constructor(deps: PlaybackServiceDeps) {
    this.#d = deps;
    this.#answered = new AnsweredPlaylists(deps.clock);
    this.#originMedia = new OriginPlaylists(deps.origin, deps.clock, deps.originCache);
  }

  /**
   * Starts a session on a channel's origin path (CHANNEL_NOT_FOUND, REQUEST_INVALID);
   * `renditions`: the fingerprint of its rendition map when the multivariant is known already.
   */
  async startSession(channelId: string, originPath: string, facts: SessionStartFacts, mode: 'implicit' | 'explicit', renditions?: string): Promise<Session> {
    await this.#channel(channelId);
    checkOriginPath(originPath);
    const session = await this.#d.sessions.start(channelId, originPath, 'hls', facts, this.#d.sessionTtlMs, renditions);
    this.#d.playbackMetrics.sessionsStarted.inc({ channel: channelId, mode });
    return session;
  }

  /** Prefix of URLs handed to players, without a trailing slash ('' = path-absolute). */
  publicBase(): string {
    return this.#base();
  }

  manifestUrl(session: Session, n: number): string {
    return `${this.#base()}/v1/manifest/${session.channelId}/${session.id}/${n}.m3u8`;
  }

  /**
   * The session's multivariant playlist. The session keeps only its rendition map's
   * fingerprint: the map is the origin's, the same for every session of this path, and any
   * instance derives it again (#findRenditionMap). A new session is stored once, with it.
   */
  async master(channelId: string, originPath: string, start: SessionStart, log: Logger): Promise<{ session: Session; text: string }> {
    const channel = await this.#channel(channelId);
    checkOriginPath(originPath);
    // An explicit session is checked before the origin is asked.
    const from = start.kind === 'new' ? start : { kind: 'existing' as const, session: await this.#sessionOn(start.sessionId, channelId, originPath) };
    const url = originUrl(channel, originPath);
    const fetched = await this.#d.origin.fetchPlaylist(url, channelId);
    const map = this.#canonical(rewriteMaster(fetched.playlist, fetched.url, () => '').map);
    const renditions = renditionMapFingerprint(map);
    const session = from.kind === 'new'
      ? await this.startSession(channelId, originPath, from.facts, 'implicit', renditions)
      : from.session.renditions === renditions ? from.session : await this.#d.sessions.recordRenditions(from.session, renditions, this.#d.sessionTtlMs);
    const { text } = rewriteMaster(fetched.playlist, fetched.url, (n) => this.manifestUrl(session, n));
    this.#maps.set(session.id, map);
    this.#originMaps.set(url, map);
    log.info({ sessionId: session.id, channelId, renditions: map.e.length }, 'session multivariant playlist served');
    return { session, text };
  }

  /** An existing session started on this channel and origin path; SESSION_NOT_FOUND otherwise. */
  async #sessionOn(sessionId: string, channelId: string, originPath: string): Promise<Session> {
    const session = await this.#d.sessions.get(sessionId);
    if (session.channelId !== channelId || session.originPath !== originPath) throw sessionNotFound(sessionId);
    return session;
  }

  /**
   * One media playlist refresh of a session's rendition `n`, as the bytes to send. A refresh
   * whose inputs (origin window, stored state and decisions, channel) are those of the
   * previous answer gets that answer again without splicing (answered-playlists.ts).
   */
  async media(channelId: string, sessionId: string, n: number, log: Logger): Promise<Buffer> {
    const loaded = await this.#load(channelId, sessionId, n, log);
    if (Buffer.isBuffer(loaded)) return loaded;
    const again = this.#answered.reuse(sessionId, n, loaded.inputs);
    if (again !== undefined) return again;
    return this.#splice(loaded, log);
  }

  /**
   * Everything a refresh of rendition `n` needs, loaded; or the answer itself when there is
   * nothing to splice (the origin failed and the last answer stands in, the rendition is not
   * spliced, or the store is down and content plays without ads).
   */
  async #load(channelId: string, sessionId: string, n: number, log: Logger): Promise<Buffer | SpliceAt> {
    const channel = await this.#channel(channelId);
    const map = await this.#renditionMap(sessionId);
    const entry = map.e[n];
    if (entry === undefined) {
      throw interludeError('SESSION_RENDITION_NOT_FOUND', `Session "${sessionId}" has no media playlist ${n}.`, { sessionId, rendition: n });
    }
    let origin: OriginMedia;
    try {
      origin = await this.#originMedia.media(entryUrl(map, entry), channelId);
    } catch (e) {
      const stale = this.#answered.recall(sessionId, n);
      if (stale === undefined) throw e;
      log.warn({ err: e, ageMs: stale.ageMs, rendition: n }, 'origin failed; serving the last good live playlist');
      return stale.body;
    }
    const content: HlsMediaPlaylist = origin.playlist;
    const shapeFrom = entry.g.startsWith('m:SUBTITLES') ? videoEntryOf(map) : undefined;
    if (entry.g === GROUP_IFRAME || entry.g.startsWith('m:CLOSED-CAPTIONS') || (entry.g.startsWith('m:SUBTITLES') && shapeFrom === undefined)) {
      // Not spliced (I-frames, in-band captions, subtitles without video to follow): the content, URIs absolute.
      const state = await this.#d.store.loadForPlaylist(sessionId, entry.g, []);
      if (state === undefined || state.session.channelId !== channelId) throw sessionNotFound(sessionId);
      return Buffer.from(serializeHls(content));
    }
    const breaks = this.#breaksOf(origin, channel);
    let state: PlaylistState<unknown> | undefined;
    try {
      state = await this.#d.store.loadForPlaylist<unknown>(sessionId, entry.g, breaks.map((b) => b.id));
    } catch (e) {
      // DESIGN: state store down → content plays without ads (readiness reports the store).
      if (!isInterludeError(e) || e.code !== 'STORE_UNAVAILABLE') throw e;
      log.warn({ err: e }, 'session store unavailable; serving content without ads');
      return Buffer.from(serializeHls(content));
    }
    if (state === undefined || state.session.channelId !== channelId) throw sessionNotFound(sessionId);
    const inputs: AnswerInputs = { origin, channel, entry, version: state.version };
    return { state, channel, map, entry, n, content, breaks, inputs, ...(shapeFrom === undefined ? {} : { shapeFrom }) };
  }

  /** Decides what is undecided and splices; writes nothing. */
  async #plan(at: SpliceAt, log: Logger): Promise<{ out: MediaSpliceOutput; pods: Readonly<Record<string, Pod>> }> {
    const { channel, entry, content, breaks, state } = at;
    const session = state.session;
    const pods = await this.#d.decider.podsFor(channel, session, breaks, state.decisions, log);
    const liveState = content.endList ? null : this.#liveState(state.liveState, log);
    const out = await spliceMedia({
      channel, entry, content, breaks, pods, liveState, log,
      segmentBase: `${this.#base()}/v1/segment/${session.id}/`,
      ...(at.shapeFrom === undefined ? {} : { subtitleFiller: { uri: `${this.#base()}${SUBTITLE_FILLER_PATH}`, shapeFrom: at.shapeFrom } }),
    }, this.#d.creatives);
    return { out, pods };
  }

  async #splice(at: SpliceAt, log: Logger): Promise<Buffer> {
    const { entry, content, breaks, n, state } = at;
    const session = state.session;
    const { out } = await this.#plan(at, log);
    this.#d.onPlaylistPlanned?.({ session, map: at.map, rendition: n, plan: out.plan, ...(content.endList ? { outputEndUs: vodOutputEndUs(content, out.plan) } : {}) });
    let wroteState = false;
    if (!content.endList && out.nextState !== undefined && JSON.stringify(out.nextState) !== JSON.stringify(state.liveState)) {
      await this.#d.store.putLiveState(session.id, entry.g, out.nextState);
      wroteState = true;
    }
    const body = exactBuffer(out.text);
    // Reusable only when made from stored decisions for every break, every creative, and a
    // state that needed no write: then the same inputs will make these same bytes.
    const reusable = out.complete && !wroteState && state.decisions.size === breaks.length;
    const target = out.nextState?.targetDuration ?? content.targetDuration ?? 0;
    const freshForMs = content.endList ? 0 : staleLiveWindowMs(target, this.#d.staleLiveMaxAgeMs);
    this.#answered.remember(session.id, n, body, reusable ? at.inputs : undefined, freshForMs);
    return body;
  }

  /** Cue breaks, or the channel's VOD ad positions; computed once per origin parse and channel. */
  #breaksOf(origin: OriginMedia, channel: Channel): readonly Break[] {
    const known = this.#breaks.get(origin);
    if (known !== undefined && known.channel === channel) return known.breaks;
    const breaks = breaksOf(origin, channel);
    this.#breaks.set(origin, { channel, breaks });
    return breaks;
  }

  /** Where an ad segment id of this session really lives (302 target). */
  async segmentTarget(sessionId: string, idText: string): Promise<string> {
    const notFound = () => interludeError('AD_SEGMENT_NOT_FOUND', 'No such ad segment in this session.', { sessionId: sessionId.slice(0, 80), segmentId: idText.slice(0, 200) });
    const id = decodeSegmentId(idText);
    // One round trip: the session (touched, as a playing viewer's requests keep it alive)
    // and the break's decision, through the playlist load (no rendition state is asked for).
    const loaded = await this.#d.store.loadForPlaylist(sessionId, NO_RENDITION, id?.kind === 'ad' ? [id.breakId] : []);
    if (loaded === undefined) throw sessionNotFound(sessionId);
    const session = loaded.session;
    if (id === undefined) throw notFound();
    let topUrl: string | undefined;
    let pod: Pod | undefined;
    if (id.kind === 'ad') {
      pod = loaded.decisions.get(id.breakId);
      topUrl = pod?.ads[id.ad]?.hlsUrl;
    } else {
      topUrl = (await this.#d.channels.find(session.channelId))?.slate;
    }
    if (topUrl === undefined) throw notFound();
    const target = await this.#d.creatives.target(topUrl, id.playlist, id.segment, id.part, session.channelId);
    if (target === undefined) throw notFound();
    const hook = this.#d.onAdSegmentRequest;
    if (hook !== undefined && pod !== undefined && id.kind === 'ad' && id.part.kind === 'media') {
      // The playlist is in the creatives LRU (target() just read it): no fetch, no store read.
      const timeline = await this.#d.creatives.timeline(topUrl, id.playlist, session.channelId).catch(() => undefined);
      hook({ session, id, pod, timeline });
    }
    return target;
  }

  /**
   * Client-side tracking (`GET /v1/tracking/:session`, MediaTailor's shape): the avails of
   * the session's tracking rendition as its playlist shows them now. Derived on request from
   * the stored state, decisions and the origin window (the same pure splice the playlist
   * gets), so it is stored nowhere and any instance answers alike. Nothing is written.
   */
  async tracking(sessionId: string, log: Logger = this.#d.logger): Promise<TrackingJson> {
    const session = await this.#d.sessions.get(sessionId);
    // An explicit session's player may poll before it asked for the multivariant playlist.
    const map = await this.#findRenditionMap(sessionId);
    const n = map === undefined ? undefined : trackingRendition(map.e);
    const loaded = n === undefined ? undefined : await this.#load(session.channelId, sessionId, n, log);
    if (loaded === undefined || Buffer.isBuffer(loaded)) return { avails: [], nonLinearAvails: [] };
    const { out, pods } = await this.#plan(loaded, log);
    return trackingJson(out.plan, pods);
  }

  /**
   * The channel, read through a short-lived per-instance cache: every refresh needs it, and
   * control-plane edits may take CHANNEL_CACHE_MS to reach players. While the store is down
   * the last known definition keeps playback going (content without ads, see media()).
   */
  async #channel(channelId: string): Promise<Channel> {
    const cached = this.#channels.get(channelId);
    const now = this.#d.clock.nowMs();
    if (cached !== undefined && now - cached.atMs < CHANNEL_CACHE_MS) return cached.channel;
    let channel: Channel | undefined;
    try {
      channel = await this.#d.channels.find(channelId);
    } catch (e) {
      if (cached !== undefined && isInterludeError(e) && e.code === 'STORE_UNAVAILABLE') return cached.channel;
      throw e;
    }
    if (channel === undefined) {
      this.#channels.delete(channelId);
      throw interludeError('CHANNEL_NOT_FOUND', `No channel "${channelId.slice(0, 80)}".`, { channelId: channelId.slice(0, 80) });
    }
    this.#channels.set(channelId, { channel, atMs: now });
    return channel;
  }

  async #renditionMap(sessionId: string): Promise<RenditionMap> {
    const map = await this.#findRenditionMap(sessionId);
    if (map === undefined) throw sessionNotFound(sessionId);
    return map;
  }

  /**
   * The session's rendition map: this instance's copy, else derived again from the origin's
   * multivariant playlist (one fetch per origin path and instance) and checked against the
   * fingerprint stored at the session's multivariant request. Undefined before that request,
   * for an unknown session, and when the origin's renditions changed since (the numbers in
   * the player's URLs would point at other renditions).
   */
  async #findRenditionMap(sessionId: string): Promise<RenditionMap | undefined> {
    const cached = this.#maps.get(sessionId);
    if (cached !== undefined) return cached;
    const loaded = await this.#d.store.loadForPlaylist<unknown>(sessionId, RENDITION_MAP_KEY, []);
    if (loaded === undefined) return undefined;
    // Sessions started by earlier versions stored the map (or its fingerprint) as live state.
    const stored = loaded.session.renditions ?? loaded.liveState;
    const whole = readRenditionMap(stored);
    const map = whole !== undefined ? this.#canonical(whole) : typeof stored === 'string' ? await this.#derivedMap(loaded.session, stored) : undefined;
    if (map !== undefined) this.#maps.set(sessionId, map);
    return map;
  }

  async #derivedMap(session: Session, fingerprint: string): Promise<RenditionMap | undefined> {
    const url = originUrl(await this.#channel(session.channelId), session.originPath);
    const known = this.#originMaps.get(url);
    if (known !== undefined && renditionMapFingerprint(known) === fingerprint) return known;
    const fetched = await this.#d.origin.fetchPlaylist(url, session.channelId);
    const map = this.#canonical(rewriteMaster(fetched.playlist, fetched.url, (n) => this.manifestUrl(session, n)).map);
    this.#originMaps.set(url, map);
    if (renditionMapFingerprint(map) === fingerprint) return map;
    this.#d.logger.warn({ sessionId: session.id, channelId: session.channelId }, 'the origin multivariant playlist changed since the session started; its media playlists are gone');
    return undefined;
  }

  #canonical(map: RenditionMap): RenditionMap {
    const key = JSON.stringify(map);
    const known = this.#canonicalMaps.get(key);
    if (known !== undefined) return known;
    this.#canonicalMaps.set(key, map);
    return map;
  }

  #liveState(raw: unknown, log: Logger): LiveState | null {
    const read = readLiveState(raw);
    if (read.ok) return read.value;
    log.warn({ code: read.error.code, reason: read.error.message }, 'stored live splice state unusable; planning as a first request');
    return null;
  }

  #base(): string {
    return (this.#d.publicBaseUrl ?? '').replace(/\/+$/, '');
  }
}

/**
 * The text's bytes in a buffer of their own: a pooled Buffer.from slice would keep its whole
 * 8 KB slab alive for as long as the answer is kept, and answers are kept per session.
 */
function exactBuffer(text: string): Buffer {
  const body = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  body.write(text);
  return body;
}

/** A VOD output's length: the content's, plus what each break inserts beyond what it replaces. */
function vodOutputEndUs(content: HlsMediaPlaylist, plan: SplicePlan): Micros {
  const contentUs = content.segments.reduce((sum, s) => sum + s.durationUs, 0);
  return plan.breaks.reduce((sum, b) => sum + b.durationUs - b.replacedUs, contentUs);
}

/** The rendition subtitles follow: the first video variant (or audio-only variant). */
function videoEntryOf(map: RenditionMap): RenditionEntry | undefined {
  return map.e.find((e) => e.g === GROUP_VIDEO) ?? map.e.find((e) => e.g === GROUP_AUDIO_ONLY);
}

/** Cue breaks; VOD without cues gets the channel's pre-roll and mid-rolls. */
function breaksOf(origin: OriginMedia, channel: Channel): readonly Break[] {
  const { cued, playlist: content } = origin;
  if (cued.length > 0 || !content.endList) return cued;
  const offsetsUs = [...(channel.vodPreroll ? [0] : []), ...channel.vodMidrollOffsetsSec.map((s) => Math.round(s * 1_000_000))];
  return offsetsUs.length === 0 ? [] : breaksAtOffsets(offsetsUs, toPlanSegments(content));
}

export function originUrl(channel: Channel, originPath: string): string {
  return `${channel.origin.replace(/\/+$/, '')}/${originPath}`;
}

/** Origin paths come from player URLs: no dot segments, no empty segments, HLS only here. */
function checkOriginPath(path: string): void {
  const parts = path.split('/');
  const bad = path.length === 0 || path.length > 1024 || parts.some((p) => p === '' || p === '.' || p === '..') || !HLS_PATH.test(path);
  if (bad) {
    throw interludeError('REQUEST_INVALID', 'The origin path is not a playable HLS path.', { issues: [{ path: 'path', message: 'must be a relative path ending in .m3u8, without empty or dot segments' }] });
  }
}
