import { formatMicros, type Micros, type PodAd } from '../../manifests/index.js';

/**
 * Pod fit: which of the ads a source offered go into the break, in which order. Pure.
 *
 * Rules (VAST 4 §2.3.1 pods and buffets, applied to a fixed-length break):
 * - Sequenced ads (a pod) come first, in `sequence` order; stand-alone ads (the buffet)
 *   then fill what time is left, in document order.
 * - Ads are kept whole: an ad is never cut to fit.
 * - An ad longer than the whole break can never play and is skipped.
 * - In the pod, the first ad that does not fit the remaining time ends the pod: playing
 *   a later slot without the earlier one would break the sequence the ad server built.
 * - A buffet ad that does not fit is skipped and the next one is tried.
 * Each skip adds a note. Kept ads are renumbered 1…n and get ids `<adId>-<slot>`.
 */
export interface FitCandidate {
  /** The ad as the source mapped it; `id` and `sequence` are replaced by the fit. */
  readonly ad: Omit<PodAd, 'id' | 'sequence'>;
  /** The VAST `sequence` attribute; undefined for a stand-alone ad. */
  readonly podSequence?: number;
}

export interface FitResult {
  readonly ads: readonly PodAd[];
  readonly filledUs: Micros;
  readonly notes: readonly string[];
}

export function fitPod(candidates: readonly FitCandidate[], breakDurationUs: Micros): FitResult {
  const sequenced = candidates
    .map((c, order) => ({ c, order }))
    .filter(({ c }) => c.podSequence !== undefined)
    .sort((a, b) => (a.c.podSequence ?? 0) - (b.c.podSequence ?? 0) || a.order - b.order)
    .map(({ c }) => c);
  const standAlone = candidates.filter((c) => c.podSequence === undefined);

  const kept: Omit<PodAd, 'id' | 'sequence'>[] = [];
  const notes: string[] = [];
  let filledUs = 0;
  const label = (c: FitCandidate) => `ad ${c.ad.adId} (${formatMicros(c.ad.durationUs)} s)`;

  let podClosed = false;
  for (const c of sequenced) {
    if (podClosed) {
      notes.push(`${label(c)} dropped: an earlier pod slot did not fit`);
    } else if (c.ad.durationUs > breakDurationUs) {
      notes.push(`${label(c)} skipped: longer than the ${formatMicros(breakDurationUs)} s break`);
    } else if (filledUs + c.ad.durationUs > breakDurationUs) {
      notes.push(`${label(c)} dropped: pod slot ${c.podSequence ?? '?'} does not fit the ${formatMicros(breakDurationUs - filledUs)} s left`);
      podClosed = true;
    } else {
      kept.push(c.ad);
      filledUs += c.ad.durationUs;
    }
  }
  for (const c of standAlone) {
    if (c.ad.durationUs > breakDurationUs) {
      notes.push(`${label(c)} skipped: longer than the ${formatMicros(breakDurationUs)} s break`);
    } else if (filledUs + c.ad.durationUs > breakDurationUs) {
      notes.push(`${label(c)} skipped: does not fit the ${formatMicros(breakDurationUs - filledUs)} s left`);
    } else {
      kept.push(c.ad);
      filledUs += c.ad.durationUs;
    }
  }
  const ads = kept.map((ad, i) => ({ ...ad, id: `${ad.adId}-${i + 1}`, sequence: i + 1 }));
  return { ads, filledUs, notes };
}
