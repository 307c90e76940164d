/**
 * RFC 6381 codec strings as HLS CODECS carries them (`avc1.42c01e,mp4a.40.2`). Only what a
 * conditioning target needs: the H.264 profile/level triplet and the AAC object type. Pure.
 */

export type H264Profile = 'constrained-baseline' | 'baseline' | 'main' | 'high';

export interface AvcCodec {
  readonly kind: 'avc';
  /** The string as written, e.g. `avc1.4d401f`. */
  readonly raw: string;
  readonly profile: H264Profile;
  readonly profileIdc: number;
  readonly constraintFlags: number;
  /** level_idc: 30 means level 3.0, 31 means 3.1. */
  readonly levelIdc: number;
}

export interface OtherVideoCodec {
  readonly kind: 'other-video';
  readonly raw: string;
}

export interface AacCodec {
  readonly kind: 'aac';
  readonly raw: string;
  /** MPEG-4 audio object type: 2 = AAC-LC, 5 = HE-AAC, 29 = HE-AACv2. */
  readonly objectType: number;
}

export interface OtherAudioCodec {
  readonly kind: 'other-audio';
  readonly raw: string;
}

export type ParsedCodec = AvcCodec | OtherVideoCodec | AacCodec | OtherAudioCodec;

const VIDEO_PREFIXES = ['avc1', 'avc3', 'hvc1', 'hev1', 'vp09', 'av01', 'dvh1', 'dvhe'];

export function parseCodec(raw: string): ParsedCodec | undefined {
  const s = raw.trim();
  const [fourcc = '', ...rest] = s.split('.');
  const lower = fourcc.toLowerCase();
  if (lower === 'avc1' || lower === 'avc3') {
    const hex = rest[0] ?? '';
    if (/^[0-9a-f]{6}$/i.test(hex)) {
      const profileIdc = Number.parseInt(hex.slice(0, 2), 16);
      const constraintFlags = Number.parseInt(hex.slice(2, 4), 16);
      const levelIdc = Number.parseInt(hex.slice(4, 6), 16);
      return { kind: 'avc', raw: s, profile: h264Profile(profileIdc, constraintFlags), profileIdc, constraintFlags, levelIdc };
    }
    return { kind: 'other-video', raw: s };
  }
  if (VIDEO_PREFIXES.includes(lower)) return { kind: 'other-video', raw: s };
  if (lower === 'mp4a') {
    // mp4a.40.<objectType>; mp4a.40 alone means AAC-LC in practice.
    const objectType = rest[0] === '40' ? Number.parseInt(rest[1] ?? '2', 10) : NaN;
    return Number.isFinite(objectType) ? { kind: 'aac', raw: s, objectType } : { kind: 'other-audio', raw: s };
  }
  if (s === '') return undefined;
  return { kind: 'other-audio', raw: s };
}

export function parseCodecList(codecs: string | undefined): readonly ParsedCodec[] {
  if (codecs === undefined) return [];
  return codecs.split(',').map(parseCodec).filter((c): c is ParsedCodec => c !== undefined);
}

function h264Profile(profileIdc: number, constraintFlags: number): H264Profile {
  if (profileIdc === 66) return (constraintFlags & 0x40) !== 0 ? 'constrained-baseline' : 'baseline';
  if (profileIdc === 77) return 'main';
  return 'high';
}

/** The profile_idc and constraint byte x264 writes for a profile (x264 sets set0+set1 for baseline). */
export function avcProfileBytes(profile: H264Profile): { readonly profileIdc: number; readonly constraintFlags: number } {
  switch (profile) {
    case 'constrained-baseline':
    case 'baseline':
      return { profileIdc: 66, constraintFlags: 0xc0 };
    case 'main':
      return { profileIdc: 77, constraintFlags: 0x40 };
    case 'high':
      return { profileIdc: 100, constraintFlags: 0x00 };
  }
}

/** `avc1.PPCCLL` for what we will encode. */
export function avcCodecString(profile: H264Profile, levelIdc: number): string {
  const { profileIdc, constraintFlags } = avcProfileBytes(profile);
  return `avc1.${hex2(profileIdc)}${hex2(constraintFlags)}${hex2(levelIdc)}`;
}

export function aacCodecString(objectType: number): string {
  return `mp4a.40.${objectType}`;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
