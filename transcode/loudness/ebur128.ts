/**
 * Reads the summary the `ebur128` filter prints at the end of a run, an independent meter
 * to check loudnorm's work (tests, QA tools). Pure.
 *
 *   Integrated loudness:
 *     I:         -24.0 LUFS
 *   Loudness range:
 *     LRA:         0.0 LU
 *   True peak:
 *     Peak:       -14.2 dBFS
 */
export interface Ebur128Summary {
  readonly integratedLufs: number;
  readonly lraLu: number;
  /** Present when the filter ran with `peak=true`. */
  readonly truePeakDbfs?: number;
}

/** The filter string to append to an audio chain: `ebur128=peak=true`, output discarded. */
export const EBUR128_FILTER = 'ebur128=peak=true';

export function parseEbur128Summary(stderr: string): Ebur128Summary | undefined {
  const at = stderr.lastIndexOf('Summary:');
  if (at < 0) return undefined;
  const tail = stderr.slice(at);
  const i = /I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(tail);
  const lra = /LRA:\s+(-?[\d.]+)\s+LU/.exec(tail);
  const peak = /Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(tail);
  if (i?.[1] === undefined || lra?.[1] === undefined) return undefined;
  const integratedLufs = i[1] === '-inf' ? -Infinity : Number(i[1]);
  return {
    integratedLufs,
    lraLu: Number(lra[1]),
    ...(peak?.[1] === undefined ? {} : { truePeakDbfs: peak[1] === '-inf' ? -Infinity : Number(peak[1]) }),
  };
}
