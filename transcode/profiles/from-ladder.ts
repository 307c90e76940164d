/**
 * Content ladder → target profiles. Pure. Matching rules:
 * - one video target per content variant, same resolution, frame rate, H.264 profile/level;
 * - video bitrate = the variant's BANDWIDTH less the audio (BANDWIDTH covers the variant's
 *   audio whether muxed or in an AUDIO group) and ~10 % container overhead (TS
 *   packetisation), so the ad's peak stays within what the rung advertises;
 * - audio = AAC-LC at the content's sample rate and channel count;
 * - segment duration and container as content; GOP = one segment.
 */
import type { ContentLadder } from '../ladder/content-ladder.js';
import { aacCodecString, avcCodecString } from '../ladder/codecs.js';
import type { AudioTarget, ProfileSet, VideoTarget } from './target-profile.js';

export interface ProfileOptions {
  /** Default `veryfast`. */
  readonly preset?: string;
  /** Default 64 kbit/s per channel, capped at 384. */
  readonly audioBitrateKbps?: number;
}

const CONTAINER_OVERHEAD = 0.9;
const MIN_VIDEO_KBPS = 100;

export function profilesFromLadder(ladder: ContentLadder, options: ProfileOptions = {}): ProfileSet {
  const notes: string[] = [];
  let audio: AudioTarget | undefined;
  if (ladder.audio !== undefined) {
    if (ladder.audio.aacObjectType !== 2) notes.push(`content audio is AAC object type ${ladder.audio.aacObjectType}; ads are AAC-LC`);
    audio = {
      codec: 'aac',
      aacObjectType: 2,
      codecString: aacCodecString(2),
      sampleRate: ladder.audio.sampleRate,
      channels: ladder.audio.channels,
      bitrateKbps: options.audioBitrateKbps ?? Math.min(384, 64 * ladder.audio.channels),
    };
  }
  const audioKbps = audio?.bitrateKbps ?? 0;
  const video = ladder.variants.map((v, i): VideoTarget => {
    const bandwidthKbps = v.bandwidth > 0 ? v.bandwidth / 1000 : defaultKbps(v.video.width, v.video.height, v.video.fps);
    const kbps = Math.max(MIN_VIDEO_KBPS, Math.floor(bandwidthKbps * CONTAINER_OVERHEAD - audioKbps));
    return {
      id: `v${i}`,
      width: even(v.video.width),
      height: even(v.video.height),
      fps: v.video.fps,
      fpsRational: v.video.fpsRational,
      profile: v.video.profile,
      levelIdc: v.video.levelIdc,
      codecString: avcCodecString(v.video.profile, v.video.levelIdc),
      bitrateKbps: kbps,
      maxrateKbps: kbps,
      bufsizeKbps: kbps * 2,
      gopFrames: Math.max(1, Math.round(v.video.fps * ladder.segmentDurationSec)),
    };
  });
  return {
    video,
    ...(audio === undefined ? {} : { audio }),
    audioMode: audio === undefined ? 'none' : ladder.audioMode,
    ...(ladder.audioGroupId === undefined ? {} : { audioGroupId: ladder.audioGroupId }),
    segmentDurationSec: ladder.segmentDurationSec,
    container: ladder.container,
    encoder: { preset: encoderPreset(options.preset ?? 'veryfast', video, notes) },
    notes,
  };
}

// x264's ultrafast turns CABAC off, and x264 then signals Constrained Baseline whatever
// `-profile:v` asked for, so the SPS would contradict the CODECS we advertise for Main/High.
function encoderPreset(preset: string, video: readonly VideoTarget[], notes: string[]): string {
  if (preset !== 'ultrafast' || video.every((v) => v.profile === 'baseline' || v.profile === 'constrained-baseline')) return preset;
  notes.push('preset ultrafast would signal Constrained Baseline; using superfast for Main/High');
  return 'superfast';
}

// 4:2:0 needs even dimensions; an odd rung (rare, but 1366x767 exists) is rounded down.
function even(n: number): number {
  return Math.max(2, n - (n % 2));
}

// ~0.1 bit per pixel per frame when the ladder does not say (no BANDWIDTH).
function defaultKbps(width: number, height: number, fps: number): number {
  return (width * height * fps * 0.1) / 1000;
}
