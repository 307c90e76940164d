import { DEMO_COLOURS, type DemoColourName, type Rgb } from './demo-assets.js';

/**
 * Tells which demo asset a decoded video frame belongs to by its colours, for tests that
 * look at pixels (a browser canvas, or ffmpeg's rawvideo output). Ads and slate are one flat
 * colour with a small moving square; content is SMPTE bars, which no single colour dominates.
 */
export type DemoFrameLabel = DemoColourName | 'content';

export interface ClassifyOptions {
  /** Bytes per pixel: 4 for canvas RGBA (default), 3 for rgb24. */
  readonly channels?: 3 | 4;
  /** Share of pixels that must be near one colour (default 0.6). */
  readonly minShare?: number;
  /**
   * Max Euclidean RGB distance to count as "near" (default 60): H.264 in limited-range
   * YUV 4:2:0 brings pure red back as roughly (250, 0, 5), never exactly.
   */
  readonly tolerance?: number;
}

export function classifyDemoFrame(pixels: Uint8Array | Uint8ClampedArray, options: ClassifyOptions = {}): DemoFrameLabel {
  const channels = options.channels ?? 4;
  const minShare = options.minShare ?? 0.6;
  const tol2 = (options.tolerance ?? 60) ** 2;
  const names = Object.keys(DEMO_COLOURS) as DemoColourName[];
  const counts = new Map<DemoColourName, number>(names.map((n) => [n, 0]));
  const total = Math.floor(pixels.length / channels);
  if (total === 0) return 'content';
  for (let p = 0; p < total; p++) {
    const i = p * channels;
    const px: Rgb = [pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0];
    for (const n of names) {
      if (distance2(px, DEMO_COLOURS[n]) <= tol2) {
        counts.set(n, (counts.get(n) ?? 0) + 1);
        break;
      }
    }
  }
  let best: DemoFrameLabel = 'content';
  let bestCount = total * minShare;
  for (const [n, c] of counts) {
    if (c >= bestCount) {
      best = n;
      bestCount = c;
    }
  }
  return best;
}

function distance2(a: Rgb, b: Rgb): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
}
