/**
 * A JSON-ready summary of the typed view, for people (`interlude playlist --json`) and golden
 * fixtures: times in seconds, document line indexes left out, empty/false fields omitted so
 * a segment shows only what makes it special.
 */
import { microsToSeconds } from '../model/time.js';
import type { HlsKey, HlsMediaPlaylist, HlsMultivariantPlaylist, HlsPart, HlsPlaylist, HlsSegment } from './playlist-types.js';

/** JSON data, as `JSON.stringify` writes it. */
export type HlsJsonValue = string | number | boolean | null | HlsJsonValue[] | { [key: string]: HlsJsonValue };
export type HlsJsonObject = { [key: string]: HlsJsonValue };

function compact(entries: Record<string, HlsJsonValue | undefined>): HlsJsonObject {
  const out: HlsJsonObject = {};
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

function keyJson(k: HlsKey): HlsJsonObject {
  return compact({ method: k.method, uri: k.uri, iv: k.iv, keyFormat: k.keyFormat, keyFormatVersions: k.keyFormatVersions });
}

function partJson(p: HlsPart): HlsJsonObject {
  return compact({ uri: p.uri, duration: microsToSeconds(p.durationUs), independent: p.independent, gap: p.gap });
}

function segmentJson(s: HlsSegment): HlsJsonObject {
  return compact({
    uri: s.uri,
    mediaSequence: s.mediaSequence,
    discontinuitySequence: s.discontinuitySequence,
    start: microsToSeconds(s.startUs),
    duration: microsToSeconds(s.durationUs),
    title: s.title === '' ? undefined : s.title,
    discontinuity: s.discontinuity,
    gap: s.gap,
    byteRange: s.byteRange === undefined ? undefined : compact({ length: s.byteRange.length, offset: s.byteRange.offset }),
    keys: s.keys.map(keyJson),
    map: s.map === undefined ? undefined : compact({ uri: s.map.uri, byteRange: s.map.byteRange === undefined ? undefined : compact({ ...s.map.byteRange }) }),
    programDateTime: s.programDateTime,
    bitrateKbps: s.bitrateKbps,
    parts: s.parts.map(partJson),
  });
}

function mediaJson(p: HlsMediaPlaylist): HlsJsonObject {
  return compact({
    kind: p.kind,
    version: p.version,
    targetDuration: p.targetDuration,
    mediaSequence: p.mediaSequence,
    discontinuitySequence: p.discontinuitySequence,
    playlistType: p.playlistType,
    endList: p.endList,
    independentSegments: p.independentSegments,
    iFramesOnly: p.iFramesOnly,
    start: p.start === undefined ? undefined : { ...p.start },
    serverControl: p.serverControl === undefined ? undefined : { ...p.serverControl.attributes },
    partTarget: p.partTargetUs === undefined ? undefined : microsToSeconds(p.partTargetUs),
    duration: microsToSeconds(p.endUs),
    segmentCount: p.segments.length,
    segments: p.segments.map(segmentJson),
    pendingParts: p.pendingParts.map(partJson),
    dateRanges: p.dateRanges.map((d) => compact({ id: d.id, class: d.class, startDate: d.startDate, segmentIndex: d.segmentIndex, attributes: { ...d.attributes } })),
  });
}

function multivariantJson(p: HlsMultivariantPlaylist): HlsJsonObject {
  return compact({
    kind: p.kind,
    version: p.version,
    independentSegments: p.independentSegments,
    start: p.start === undefined ? undefined : { ...p.start },
    variants: p.variants.map((v) => compact({ uri: v.uri, bandwidth: v.bandwidth, codecs: v.codecs, resolution: v.resolution === undefined ? undefined : `${v.resolution.width}x${v.resolution.height}`, audio: v.audio, subtitles: v.subtitles, attributes: { ...v.attributes } })),
    renditions: p.renditions.map((r) => compact({ type: r.type, groupId: r.groupId, name: r.name, language: r.language, uri: r.uri, default: r.default, autoselect: r.autoselect })),
    iFrameVariants: p.iFrameVariants.map((v) => compact({ uri: v.uri, bandwidth: v.bandwidth, attributes: { ...v.attributes } })),
    sessionKeys: p.sessionKeys.map(keyJson),
    sessionData: p.sessionData.map((d) => ({ ...d })),
  });
}

/** The playlist's facts as plain JSON, plus its warnings (code and message). */
export function playlistToJson(playlist: HlsPlaylist): HlsJsonObject {
  const body = playlist.kind === 'media' ? mediaJson(playlist) : multivariantJson(playlist);
  const warnings = playlist.warnings.map((w) => ({ code: w.code, message: w.message }));
  return warnings.length === 0 ? body : { ...body, warnings };
}
