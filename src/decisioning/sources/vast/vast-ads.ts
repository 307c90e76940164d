import { urlRejection } from '../../../net/url-guard.js';
import type { FitCandidate } from '../../pod-fit.js';
import type { VastAd, VastCreative, VastMediaFile } from './vast-model.js';
import { vastCapabilities } from './capabilities.js';

/**
 * Turns the library's resolved ads (wrappers already merged into their inline ads) into
 * pod-fit candidates, with a note for every ad that cannot play and why. Pure.
 *
 * An ad plays when it has a Linear creative with a positive Duration and a streaming HLS
 * MediaFile. Progressive MP4 needs conditioning into HLS first (transcode/), which is not
 * wired in yet, so such ads are skipped with a note that says so.
 */
export interface MappedAds {
  readonly candidates: readonly FitCandidate[];
  readonly notes: readonly string[];
}

const VAST_ERROR_MEANING: Readonly<Record<number, string>> = {
  102: 'VAST version not supported',
  301: 'wrapper could not be resolved',
  302: 'wrapper limit reached',
  303: 'no ads after following the wrapper',
};

export function mapVastAds(ads: readonly VastAd[], maxWrapperDepth: number): MappedAds {
  const candidates: FitCandidate[] = [];
  const notes: string[] = [];
  ads.forEach((ad, index) => {
    const adId = ad.id ?? `ad${index + 1}`;
    const skip = (why: string) => notes.push(`ad ${adId} skipped: ${why}`);
    if (ad.errorCode !== undefined) {
      const meaning = ad.errorCode === 302 ? `wrapper chain deeper than ${maxWrapperDepth}` : VAST_ERROR_MEANING[ad.errorCode] ?? 'VAST error';
      skip(`${meaning} (VAST error ${ad.errorCode})${ad.errorMessage ? `: ${ad.errorMessage}` : ''}`);
      return;
    }
    const linear = ad.creatives.find((c) => c.type === 'linear');
    if (linear === undefined) return skip(ad.creatives.length === 0 ? 'no creatives' : 'no Linear creative');
    const media = linear.mediaFiles ?? [];
    if (media.length === 0) return skip('no MediaFiles');
    const hls = media.find(isPlayableHls);
    if (hls?.fileURL == null) return skip('no HLS MediaFile; conditioning not yet available');
    const badUrl = urlRejection(hls.fileURL);
    if (badUrl !== undefined) return skip(`HLS MediaFile URL refused: ${badUrl}`);
    const seconds = linear.duration ?? -1;
    if (!(seconds > 0)) return skip('no usable Duration');
    const sequence = ad.sequence === null ? NaN : Number.parseInt(String(ad.sequence), 10);
    candidates.push({
      ad: {
        adId,
        creativeId: linear.id ?? linear.adId ?? '',
        ...universalAdId(linear),
        durationUs: Math.round(seconds * 1_000_000),
        hlsUrl: hls.fileURL,
        tracking: trackingOf(ad, linear),
      },
      ...(sequence > 0 ? { podSequence: sequence } : {}),
    });
  });
  return { candidates, notes };
}

function isPlayableHls(m: VastMediaFile): boolean {
  const mime = (m.mimeType ?? '').trim().toLowerCase();
  return (vastCapabilities.playableMimeTypes as readonly string[]).includes(mime)
    && (m.deliveryType ?? '').trim().toLowerCase() === vastCapabilities.playableDelivery
    && typeof m.fileURL === 'string' && m.fileURL !== '';
}

function universalAdId(c: VastCreative): { universalAdId?: string } {
  const first = c.universalAdIds?.find((u) => u.value !== '');
  return first === undefined ? {} : { universalAdId: first.value };
}

/** Every beacon URL by event, wrapper-chain trackers included (the library merged them). */
function trackingOf(ad: VastAd, linear: VastCreative): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (event: string, urls: readonly (string | null | undefined)[]) => {
    const clean = urls.filter((u): u is string => typeof u === 'string' && u.trim() !== '').map((u) => u.trim());
    if (clean.length > 0) out[event] = [...(out[event] ?? []), ...clean];
  };
  add('impression', ad.impressionURLTemplates.map((t) => t.url));
  add('error', ad.errorURLTemplates);
  for (const [event, urls] of Object.entries(linear.trackingEvents ?? {})) add(event, urls);
  add('clickTracking', (linear.videoClickTrackingURLTemplates ?? []).map((t) => t.url));
  return out;
}
