/**
 * Which demo creatives answer a request for `durationSec` of ads. Deterministic (the same
 * duration always gives the same pod) and simple on purpose: a real ad server's pacing and
 * targeting are out of scope.
 */
export interface DemoCreative {
  readonly id: string;
  readonly title: string;
  readonly durationSec: number;
  /** `hls`: a streaming multivariant ready for the demo ladder; `mp4`: progressive only. */
  readonly delivery: 'hls' | 'mp4';
}

export interface PodSelectionOptions {
  /** Append the MP4-only creative when it fits (default true). */
  readonly includeMp4?: boolean;
  /** At most this many ads in the pod. */
  readonly maxAds?: number;
}

/**
 * Fills the duration greedily with the longest HLS creative that still fits, preferring one not
 * yet in the pod (so a 30-s pod is 15 + 10 + 5 rather than 15 + 15), then appends the MP4-only
 * creative if it fits in what is left. The MP4 slot is reserved first when the pod is long
 * enough, so it shows up in the demo's 20-s and 30-s breaks: decisioning skips it while it is
 * being conditioned (a visible gap of slate or content in the first breaks after start-up)
 * and plays it from the creative store once it is ready.
 */
export function selectPod(creatives: readonly DemoCreative[], durationSec: number, options: PodSelectionOptions = {}): DemoCreative[] {
  const maxAds = options.maxAds ?? 6;
  const hls = [...creatives.filter((c) => c.delivery === 'hls')].sort((a, b) => b.durationSec - a.durationSec || a.id.localeCompare(b.id));
  const mp4 = options.includeMp4 === false ? undefined : creatives.find((c) => c.delivery === 'mp4');
  const shortestHls = hls.at(-1)?.durationSec ?? Infinity;
  const reserveMp4 = mp4 !== undefined && durationSec >= mp4.durationSec + shortestHls;
  let left = durationSec - (reserveMp4 ? mp4.durationSec : 0);
  const pod: DemoCreative[] = [];
  const budget = maxAds - (reserveMp4 ? 1 : 0);
  while (pod.length < budget) {
    const fits = hls.filter((c) => c.durationSec <= left + 1e-9);
    const pick = fits.find((c) => !pod.includes(c)) ?? fits[0];
    if (pick === undefined) break;
    pod.push(pick);
    left -= pick.durationSec;
  }
  if (reserveMp4) pod.push(mp4);
  return pod;
}
