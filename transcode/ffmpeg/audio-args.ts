/**
 * AAC settings and the audio filter chain for a conditioned ad. Pure.
 *
 * Chain: loudnorm (pass 2, linear gain from pass 1) → aresample to the content's rate
 * (loudnorm works at 192 kHz) → aformat to the content's channel layout. A creative without
 * audio gets digital silence in the same format, so every ad segment has the audio track the
 * content's decoder expects.
 */
import type { AudioTarget } from '../profiles/target-profile.js';

export function aacOptions(a: AudioTarget): string[] {
  return ['-c:a', 'aac', '-b:a', `${a.bitrateKbps}k`, '-ar', String(a.sampleRate), '-ac', String(a.channels)];
}

export function channelLayout(channels: number): string {
  switch (channels) {
    case 1: return 'mono';
    case 2: return 'stereo';
    case 6: return '5.1';
    case 8: return '7.1';
    default: return `${channels}c`;
  }
}

/** The `[in]…,asplit=n[out0]…` chain; `loudnorm` is the pass-2 filter, or undefined to skip. */
export function audioChain(a: AudioTarget, inLabel: string, loudnorm: string | undefined, outLabels: readonly string[]): string {
  const steps = [
    ...(loudnorm === undefined ? [] : [loudnorm]),
    `aresample=${a.sampleRate}`,
    `aformat=sample_fmts=fltp:channel_layouts=${channelLayout(a.channels)}`,
  ];
  const split = outLabels.length > 1 ? `,asplit=${outLabels.length}${outLabels.map((l) => `[${l}]`).join('')}` : `[${outLabels[0] ?? 'a0'}]`;
  return `[${inLabel}]${steps.join(',')}${split}`;
}

/** lavfi source for the silence input. */
export function silenceSource(a: AudioTarget): string {
  return `anullsrc=r=${a.sampleRate}:cl=${channelLayout(a.channels)}`;
}
