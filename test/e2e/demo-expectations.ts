// What the e2e tests expect to see on screen, in terms of the demo's assets: the classifier
// for canvas frames and small predicates over sampled label sequences.
import { classifyDemoFrame, type DemoColourName } from '../../src/demo/index.js';
import type { FrameClassifier, FrameSample } from '../support/browser.js';

/**
 * Canvas frames are RGBA. The frame is downscaled to 64×36 with smoothing, which blurs the
 * ads' small moving square into its surroundings; the default share and tolerance still hold.
 */
export const classifyCanvasFrame: FrameClassifier = (rgba) => classifyDemoFrame(rgba, { channels: 4 });

export const AD_LABELS: readonly DemoColourName[] = ['adRed', 'adBlue', 'adGreen'];

export function isAdLabel(label: string | undefined): boolean {
  return label !== undefined && (AD_LABELS as readonly string[]).includes(label);
}

/** Samples that carried a drawn frame. */
export function framed(samples: readonly FrameSample[]): FrameSample[] {
  return samples.filter((s) => s.label !== undefined);
}

/** True once an ad label has been seen and, later, `content` again. */
export function sawAdThenContent(samples: readonly FrameSample[]): boolean {
  const firstAd = samples.findIndex((s) => isAdLabel(s.label));
  return firstAd >= 0 && samples.slice(firstAd).some((s) => s.label === 'content');
}

/** True once `content` has been seen and, later, an ad label. */
export function sawContentThenAd(samples: readonly FrameSample[]): boolean {
  const firstContent = samples.findIndex((s) => s.label === 'content');
  return firstContent >= 0 && samples.slice(firstContent).some((s) => isAdLabel(s.label));
}

/** Decoded frames grew and the playhead moved between the first and last framed sample. */
export function progressed(samples: readonly FrameSample[]): { frames: number; seconds: number } {
  const f = framed(samples);
  const first = f[0];
  const last = f[f.length - 1];
  if (first === undefined || last === undefined) return { frames: 0, seconds: 0 };
  return { frames: last.decodedFrames - first.decodedFrames, seconds: last.currentTime - first.currentTime };
}
