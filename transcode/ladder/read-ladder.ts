/**
 * Reads a content ladder from the channel's multivariant playlist, one media playlist per
 * variant (and per audio rendition when demuxed), and optional probes of one content segment
 * per playlist (keyed by the same URI as written). Pure: the caller fetches and probes.
 *
 * Where the playlists are silent (no CODECS, no FRAME-RATE, sample rate never appears in
 * HLS) the probe answers; where neither knows, a broadcast default is assumed and named in
 * `assumptions`. A ladder without a usable H.264 video variant is an error: x264 is the only
 * encoder we ship, and an ad in another codec could not splice anyway.
 */
import { err, ok, parseHls, type HlsMediaPlaylist, type HlsMultivariantPlaylist, type HlsVariant, type Result } from '../../manifests/index.js';
import type { TranscodeIssue } from '../errors.js';
import type { MediaProbe } from '../probe/media-probe.js';
import { parseCodecList, type AacCodec, type AvcCodec, type H264Profile } from './codecs.js';
import type { AudioMode, ContentAudio, ContentLadder, ContentVariant, SegmentContainer } from './content-ladder.js';
import { fpsToRational } from './frame-rate.js';
import { typicalSegmentDuration } from './segment-duration.js';

export interface LadderInput {
  readonly multivariant: string;
  /** Media playlist text by URI as written in the multivariant playlist. */
  readonly mediaPlaylists: Readonly<Record<string, string>>;
  /** Probe of one segment by the same URI keys; optional. */
  readonly probes?: Readonly<Record<string, MediaProbe>>;
}

const DEFAULT_SAMPLE_RATE = 48_000;
const DEFAULT_CHANNELS = 2;

export function readContentLadder(input: LadderInput): Result<ContentLadder, TranscodeIssue> {
  const parsed = parseHls(input.multivariant);
  if (!parsed.ok) return invalid(`multivariant playlist: ${parsed.error.message}`);
  if (parsed.value.kind !== 'multivariant') return invalid('expected a multivariant playlist, got a media playlist');
  const mv = parsed.value;
  const assumptions: string[] = [];
  const probes = input.probes ?? {};

  const medias = new Map<string, HlsMediaPlaylist>();
  for (const v of mv.variants) {
    const text = input.mediaPlaylists[v.uri];
    if (text === undefined) return invalid(`no media playlist given for variant ${v.uri}`);
    const media = parseHls(text);
    if (!media.ok || media.value.kind !== 'media') return invalid(`variant ${v.uri}: not a media playlist`);
    medias.set(v.uri, media.value);
  }

  const variants: ContentVariant[] = [];
  for (const v of mv.variants) {
    const variant = readVariant(v, probes[v.uri], assumptions);
    if (!variant.ok) return variant;
    variants.push(variant.value);
  }
  // Several entries for one rung (one per audio group, say) condition to one rendition.
  const unique = dedupe(variants).sort((a, b) => b.bandwidth - a.bandwidth);
  if (unique.length === 0) return invalid('the multivariant playlist lists no variants');

  const audioGroup = demuxedAudioGroup(mv);
  const audioMode: AudioMode = audioGroup !== undefined ? 'demuxed' : hasAudio(mv, probes) ? 'muxed' : 'none';
  const audio = audioMode === 'none' ? undefined : readAudio(mv, audioGroup, probes, assumptions);

  const mediaList = [...medias.values()];
  const segmentDurationSec = typicalSegmentDuration(mediaList);
  if (segmentDurationSec === undefined) return invalid('the media playlists hold no segments and no EXT-X-TARGETDURATION');
  const container: SegmentContainer = mediaList.some((m) => m.segments[0]?.map !== undefined) ? 'fmp4' : 'mpegts';

  return ok({
    variants: unique,
    ...(audio === undefined ? {} : { audio }),
    audioMode,
    ...(audioGroup === undefined ? {} : { audioGroupId: audioGroup }),
    segmentDurationSec,
    container,
    assumptions,
  });
}

function readVariant(v: HlsVariant, probe: MediaProbe | undefined, assumptions: string[]): Result<ContentVariant, TranscodeIssue> {
  const codecs = parseCodecList(v.codecs);
  const avc = codecs.find((c): c is AvcCodec => c.kind === 'avc');
  const otherVideo = codecs.find((c) => c.kind === 'other-video');
  if (avc === undefined && otherVideo !== undefined) return invalid(`variant ${v.uri}: video codec ${otherVideo.raw} is not H.264`);
  const pv = probe?.video;
  let profile: H264Profile;
  let levelIdc: number;
  if (avc !== undefined) {
    profile = avc.profile;
    levelIdc = avc.levelIdc;
  } else if (pv !== undefined && pv.codec === 'h264') {
    profile = profileFromProbe(pv.profile);
    levelIdc = pv.level ?? 31;
  } else if (pv !== undefined) {
    return invalid(`variant ${v.uri}: probed video codec ${pv.codec} is not H.264`);
  } else {
    profile = 'main';
    levelIdc = 31;
    assumptions.push(`variant ${v.uri}: no CODECS and no probe, assumed H.264 Main 3.1`);
  }
  const width = v.resolution?.width ?? pv?.width;
  const height = v.resolution?.height ?? pv?.height;
  if (width === undefined || height === undefined) return invalid(`variant ${v.uri}: no RESOLUTION and no probe; cannot size the ad`);
  let fps = v.frameRate ?? (pv !== undefined && pv.fps > 0 ? pv.fps : undefined);
  if (fps === undefined) {
    fps = 25;
    assumptions.push(`variant ${v.uri}: no FRAME-RATE and no probe, assumed 25 fps`);
  }
  const fpsRational = v.frameRate === undefined && pv !== undefined && pv.fps > 0 ? pv.fpsRational : fpsToRational(fps);
  const bandwidth = v.bandwidth ?? v.averageBandwidth ?? 0;
  return ok({
    uri: v.uri,
    bandwidth,
    ...(v.averageBandwidth === undefined ? {} : { averageBandwidth: v.averageBandwidth }),
    video: { profile, levelIdc, width, height, fps, fpsRational },
  });
}

function profileFromProbe(text: string | undefined): H264Profile {
  const t = (text ?? '').toLowerCase();
  if (t.includes('constrained')) return 'constrained-baseline';
  if (t.includes('baseline')) return 'baseline';
  if (t.includes('main')) return 'main';
  return 'high';
}

function demuxedAudioGroup(mv: HlsMultivariantPlaylist): string | undefined {
  for (const v of mv.variants) {
    if (v.audio === undefined) continue;
    const withUri = mv.renditions.find((r) => r.type === 'AUDIO' && r.groupId === v.audio && r.uri !== undefined);
    if (withUri !== undefined) return v.audio;
  }
  return undefined;
}

function hasAudio(mv: HlsMultivariantPlaylist, probes: Readonly<Record<string, MediaProbe>>): boolean {
  const anyAudioCodec = mv.variants.some((v) => parseCodecList(v.codecs).some((c) => c.kind === 'aac' || c.kind === 'other-audio'));
  if (anyAudioCodec) return true;
  const anyCodecs = mv.variants.some((v) => v.codecs !== undefined);
  // CODECS present without audio means video only; absent, only a probe can tell.
  if (anyCodecs) return false;
  const probed = mv.variants.map((v) => probes[v.uri]).filter((p) => p !== undefined);
  return probed.length === 0 || probed.some((p) => p.audio !== undefined);
}

function readAudio(mv: HlsMultivariantPlaylist, group: string | undefined, probes: Readonly<Record<string, MediaProbe>>, assumptions: string[]): ContentAudio {
  const codecs = mv.variants.flatMap((v) => parseCodecList(v.codecs));
  const aac = codecs.find((c): c is AacCodec => c.kind === 'aac');
  const rendition = group === undefined ? undefined : mv.renditions.find((r) => r.type === 'AUDIO' && r.groupId === group && r.default) ?? mv.renditions.find((r) => r.type === 'AUDIO' && r.groupId === group);
  const probeKeys = rendition?.uri !== undefined ? [rendition.uri] : mv.variants.map((v) => v.uri);
  const probed = probeKeys.map((k) => probes[k]?.audio).find((a) => a !== undefined);

  let aacObjectType = aac?.objectType;
  if (aacObjectType === undefined) {
    aacObjectType = probed?.profile?.toUpperCase().includes('HE') === true ? 5 : 2;
    if (probed === undefined) assumptions.push('audio: no AAC in CODECS and no probe, assumed AAC-LC');
  }
  const declared = rendition?.channels === undefined ? NaN : Number.parseInt(rendition.channels, 10);
  let channels = Number.isFinite(declared) && declared > 0 ? declared : probed?.channels;
  if (channels === undefined) {
    channels = DEFAULT_CHANNELS;
    assumptions.push(`audio: channel count unknown, assumed ${DEFAULT_CHANNELS}`);
  }
  let sampleRate = probed?.sampleRate;
  if (sampleRate === undefined) {
    sampleRate = DEFAULT_SAMPLE_RATE;
    assumptions.push(`audio: sample rate is not in HLS and no probe given, assumed ${DEFAULT_SAMPLE_RATE} Hz`);
  }
  return { aacObjectType, sampleRate, channels };
}

function dedupe(variants: readonly ContentVariant[]): ContentVariant[] {
  const seen = new Map<string, ContentVariant>();
  for (const v of variants) {
    const key = `${v.video.width}x${v.video.height}@${v.video.fpsRational}/${v.video.profile}`;
    const prior = seen.get(key);
    if (prior === undefined || v.bandwidth > prior.bandwidth) seen.set(key, v);
  }
  return [...seen.values()];
}

function invalid(reason: string): { readonly ok: false; readonly error: TranscodeIssue } {
  return err({ code: 'TRANSCODE_LADDER_INVALID', message: `content ladder: ${reason}`, context: { reason } });
}
