/**
 * ffprobe `-print_format json -show_format -show_streams` output → `MediaProbe`. Pure.
 */
import { err, ok, type Result } from '../../manifests/index.js';
import type { TranscodeIssue } from '../errors.js';
import { rationalToFps } from '../ladder/frame-rate.js';
import type { AudioStreamInfo, MediaProbe, VideoStreamInfo } from './media-probe.js';

type Json = Record<string, unknown>;

export function parseFfprobeJson(text: string): Result<MediaProbe, TranscodeIssue> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return err({ code: 'TRANSCODE_MEDIA_CORRUPT', message: 'ffprobe output is not JSON', context: { reason: 'ffprobe output is not JSON' } });
  }
  const root = obj(raw);
  const format = obj(root.format);
  const streams = Array.isArray(root.streams) ? root.streams.map(obj) : [];
  const videos = streams.filter((s) => s.codec_type === 'video').map(videoInfo);
  const video = videos.find((v) => !v.attachedPicture);
  const audioJson = streams.find((s) => s.codec_type === 'audio');
  const durationSec = num(format.duration) ?? 0;
  const sizeBytes = num(format.size);
  const bitRate = num(format.bit_rate);
  return ok({
    formatName: str(format.format_name) ?? 'unknown',
    durationSec,
    ...(sizeBytes === undefined ? {} : { sizeBytes }),
    ...(bitRate === undefined ? {} : { bitRate }),
    ...(video === undefined ? {} : { video }),
    ...(audioJson === undefined ? {} : { audio: audioInfo(audioJson) }),
  });
}

function videoInfo(s: Json): VideoStreamInfo {
  const avg = str(s.avg_frame_rate);
  const useAvg = rationalToFps(avg) > 0;
  const fpsRational = (useAvg ? avg : str(s.r_frame_rate)) ?? '0/0';
  const profile = str(s.profile);
  const level = num(s.level);
  const pixFmt = str(s.pix_fmt);
  const bitRate = num(s.bit_rate);
  return {
    codec: str(s.codec_name) ?? 'unknown',
    ...(profile === undefined ? {} : { profile }),
    ...(level === undefined || level < 0 ? {} : { level }),
    width: num(s.width) ?? 0,
    height: num(s.height) ?? 0,
    fps: rationalToFps(fpsRational),
    fpsRational: fpsRational.endsWith('/1') ? fpsRational.slice(0, -2) : fpsRational,
    ...(pixFmt === undefined ? {} : { pixFmt }),
    ...(bitRate === undefined ? {} : { bitRate }),
    attachedPicture: obj(s.disposition).attached_pic === 1,
  };
}

function audioInfo(s: Json): AudioStreamInfo {
  const profile = str(s.profile);
  const channelLayout = str(s.channel_layout);
  const bitRate = num(s.bit_rate);
  return {
    codec: str(s.codec_name) ?? 'unknown',
    ...(profile === undefined ? {} : { profile }),
    sampleRate: num(s.sample_rate) ?? 0,
    channels: num(s.channels) ?? 0,
    ...(channelLayout === undefined ? {} : { channelLayout }),
    ...(bitRate === undefined ? {} : { bitRate }),
  };
}

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
