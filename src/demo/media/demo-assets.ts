/**
 * What the demo generates: one content ladder shared by content, ads and slate (so every
 * creative is already "conditioned" for the demo channel), and the list of assets drawn from
 * ffmpeg's lavfi sources. Ad frames are one bright colour each so that a browser test can tell
 * ad from content from slate by looking at a frame (see `frame-colours.ts`).
 *
 * Bump `DEMO_MEDIA_VERSION` whenever anything here or in the encoder changes what is written:
 * the cache is keyed by it.
 */
export const DEMO_MEDIA_VERSION = 'demo-media-3';

/** Every HLS segment is this long; keyframes are forced on each boundary. */
export const DEMO_SEGMENT_DURATION_SEC = 2;
export const DEMO_FPS = 25;
export const DEMO_AUDIO = { codec: 'aac', bitrateKbps: 64, sampleRate: 48_000, channels: 2 } as const;

export interface DemoRenditionSpec {
  /** Also the playlist and segment folder name (`360p.m3u8`, `360p/seg-000.ts`). */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly videoKbps: number;
}

/** Highest first: the multivariant lists variants in this order. */
export const DEMO_LADDER: readonly DemoRenditionSpec[] = [
  { name: '360p', width: 640, height: 360, videoKbps: 800 },
  { name: '180p', width: 320, height: 180, videoKbps: 300 },
];

/**
 * RFC 6381 codecs of every HLS rendition: H.264 Constrained Baseline (profile_idc 66 with
 * constraint_set0 and constraint_set1, 0xC0) level 3.0, and AAC-LC. The encoder forces exactly
 * this profile and level, so the string is known without probing.
 */
export const DEMO_CODECS = 'avc1.42c01e,mp4a.40.2';

export type Rgb = readonly [number, number, number];

/** The colour that fills most of each asset's frames; content is a multi-colour test card. */
export const DEMO_COLOURS = {
  adRed: [255, 0, 0],
  adBlue: [0, 0, 255],
  adGreen: [0, 255, 0],
  mp4Yellow: [255, 255, 0],
  slate: [32, 32, 32],
} as const satisfies Record<string, Rgb>;

export type DemoColourName = keyof typeof DEMO_COLOURS;

export type DemoAssetKind = 'content' | 'ad' | 'slate';

/** An asset encoded as HLS in the full ladder. */
export interface DemoHlsAssetSpec {
  readonly id: string;
  readonly kind: DemoAssetKind;
  readonly title: string;
  readonly durationSec: number;
  /** Present for single-colour assets (ads, slate); content is the test card. */
  readonly colour?: DemoColourName;
  /** Sine tone in Hz; undefined means silence. */
  readonly toneHz?: number;
}

/** A progressive MP4 creative that deliberately does not match the ladder (it needs conditioning). */
export interface DemoMp4AssetSpec {
  readonly id: string;
  readonly title: string;
  readonly durationSec: number;
  readonly colour: DemoColourName;
  readonly toneHz: number;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly videoKbps: number;
}

export const DEMO_CONTENT_ID = 'content';
export const DEMO_SLATE_ID = 'slate';

export const DEMO_HLS_ASSETS: readonly DemoHlsAssetSpec[] = [
  { id: DEMO_CONTENT_ID, kind: 'content', title: 'Interlude demo content (SMPTE bars + test card)', durationSec: 120, toneHz: 440 },
  { id: 'ad-red', kind: 'ad', title: 'Demo ad: red, 10 s', durationSec: 10, colour: 'adRed', toneHz: 880 },
  { id: 'ad-blue', kind: 'ad', title: 'Demo ad: blue, 15 s', durationSec: 15, colour: 'adBlue', toneHz: 660 },
  { id: 'ad-green', kind: 'ad', title: 'Demo ad: green, 5 s', durationSec: 5, colour: 'adGreen', toneHz: 1320 },
  { id: DEMO_SLATE_ID, kind: 'slate', title: 'Demo slate', durationSec: 2, colour: 'slate' },
];

export const DEMO_MP4_ASSETS: readonly DemoMp4AssetSpec[] = [
  { id: 'ad-yellow-mp4', title: 'Demo ad: yellow, 10 s, MP4 only (needs conditioning)', durationSec: 10, colour: 'mp4Yellow', toneHz: 550, width: 480, height: 270, fps: 30, videoKbps: 500 },
];

export function hexColour(rgb: Rgb): string {
  return `0x${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
