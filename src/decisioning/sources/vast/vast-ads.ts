import type { DroppedAd } from '../../../../manifests/index.js';
import type { ResolvableAd } from '../../../conditioning/creative-resolver.js';
import { urlRejection } from '../../../net/url-guard.js';
import type { FitCandidate } from '../../pod-fit.js';
import type { VastAd, VastCreative, VastMediaFile } from './vast-model.js';
import { vastCapabilities } from './capabilities.js';

/**
 * Turns the library's resolved ads (wrappers already merged into their inline ads) into
 * pod-fit candidates, with a note for every ad that cannot play and why. Pure.
 *
 * An ad plays when it has a Linear creative with a positive Duration and a streaming HLS
 * MediaFile. Progressive MP4 (or a Mezzanine) needs conditioning into HLS first: with
 * `conditionable` such an ad becomes a candidate carrying its MediaFiles in `conditioning`
 * and an empty `hlsUrl` (the source asks the CreativeResolver before fitting the pod);
 * without it the ad is skipped with a note, as sources without a resolver need.
 */
export interface MappedCandidate extends FitCandidate {
  /** Set when the ad has no HLS MediaFile: resolve it before it may play. */
  readonly conditioning?: ResolvableAd;
}

export interface MappedAds {
  readonly candidates: readonly MappedCandidate[];
  readonly notes: readonly string[];
  /** Skipped ads that owe their Error URLs a VAST error code (Pod.dropped). */
  readonly dropped: readonly DroppedAd[];
}

export interface MapVastOptions {
  /** A CreativeResolver will condition MP4-only ads (default false: they are skipped). */
  readonly conditionable?: boolean;
}

const VAST_ERROR_MEANING: Readonly<Record<number, string>> = {
  102: 'VAST version not supported',
  301: 'wrapper could not be resolved',
  302: 'wrapper limit reached',
  303: 'no ads after following the wrapper',
};

export function mapVastAds(ads: readonly VastAd[], maxWrapperDepth: number, options: MapVastOptions = {}): MappedAds {
  const candidates: MappedCandidate[] = [];
  const notes: string[] = [];
  const dropped: DroppedAd[] = [];
  ads.forEach((ad, index) => {
    const adId = ad.id ?? `ad${index + 1}`;
    // With a VAST error code the ad's Error URLs are fired (403: no MediaFile we can play)
    const skip = (why: string, code?: number) => {
      notes.push(`ad ${adId} skipped: ${why}`);
      const errorUrls = ad.errorURLTemplates.filter((u) => typeof u === 'string' && u.trim() !== '').map((u) => u.trim());
      if (code !== undefined && errorUrls.length > 0) dropped.push({ adId, errorUrls, code });
    };
    if (ad.errorCode !== undefined) {
      const meaning = ad.errorCode === 302 ? `wrapper chain deeper than ${maxWrapperDepth}` : VAST_ERROR_MEANING[ad.errorCode] ?? 'VAST error';
      skip(`${meaning} (VAST error ${ad.errorCode})${ad.errorMessage ? `: ${ad.errorMessage}` : ''}`, ad.errorCode);
      return;
    }
    const linear = ad.creatives.find((c) => c.type === 'linear');
    if (linear === undefined) return skip(ad.creatives.length === 0 ? 'no creatives' : 'no Linear creative');
    const media = linear.mediaFiles ?? [];
    if (media.length === 0) return skip('no MediaFiles', 403);
    const hls = media.find(isPlayableHls);
    let conditioning: ResolvableAd | undefined;
    if (hls?.fileURL == null) {
      if (options.conditionable !== true) return skip('no HLS MediaFile; conditioning not yet available', 403);
      const files = conditioningFiles(linear);
      if (files.length === 0) return skip('no HLS MediaFile and no progressive video to condition', 403);
      const uid = universalAdIdKey(linear);
      conditioning = { adId, ...(uid === undefined ? {} : { universalAdId: uid }), mediaFiles: files };
    } else {
      const badUrl = urlRejection(hls.fileURL);
      if (badUrl !== undefined) return skip(`HLS MediaFile URL refused: ${badUrl}`);
    }
    const seconds = linear.duration ?? -1;
    if (!(seconds > 0)) return skip('no usable Duration');
    const sequence = ad.sequence === null ? NaN : Number.parseInt(String(ad.sequence), 10);
    candidates.push({
      ad: {
        adId,
        creativeId: linear.id ?? linear.adId ?? '',
        ...universalAdId(linear),
        durationUs: Math.round(seconds * 1_000_000),
        hlsUrl: hls?.fileURL ?? '',
        tracking: trackingOf(ad, linear),
      },
      ...(sequence > 0 ? { podSequence: sequence } : {}),
      ...(conditioning === undefined ? {} : { conditioning }),
    });
  });
  return { candidates, notes, dropped };
}

function isPlayableHls(m: VastMediaFile): boolean {
  const mime = (m.mimeType ?? '').trim().toLowerCase();
  return (vastCapabilities.playableMimeTypes as readonly string[]).includes(mime)
    && (m.deliveryType ?? '').trim().toLowerCase() === vastCapabilities.playableDelivery
    && typeof m.fileURL === 'string' && m.fileURL !== '';
}

/** The MediaFiles (and Mezzanine) a conditioning job may pick its source from; URLs guarded. */
function conditioningFiles(linear: VastCreative): ResolvableAd['mediaFiles'] {
  const out: ResolvableAd['mediaFiles'][number][] = [];
  for (const m of linear.mediaFiles ?? []) {
    if (typeof m.fileURL !== 'string' || urlRejection(m.fileURL.trim()) !== undefined) continue;
    out.push({
      url: m.fileURL.trim(),
      ...(m.mimeType ? { mimeType: m.mimeType.trim() } : {}),
      ...(m.deliveryType ? { delivery: m.deliveryType.trim().toLowerCase() } : {}),
      ...(m.width !== undefined && m.width > 0 ? { width: m.width } : {}),
      ...(m.height !== undefined && m.height > 0 ? { height: m.height } : {}),
      ...(m.bitrate !== undefined && m.bitrate > 0 ? { bitrateKbps: m.bitrate } : {}),
      ...(m.apiFramework ? { apiFramework: m.apiFramework } : {}),
    });
  }
  const mz = linear.mezzanine;
  if (mz != null && typeof mz.fileURL === 'string' && urlRejection(mz.fileURL.trim()) === undefined) {
    out.push({
      url: mz.fileURL.trim(), mezzanine: true,
      ...(mz.type ? { mimeType: mz.type } : {}),
      ...(mz.delivery ? { delivery: mz.delivery.toLowerCase() } : {}),
      ...(mz.width !== undefined && mz.width > 0 ? { width: mz.width } : {}),
      ...(mz.height !== undefined && mz.height > 0 ? { height: mz.height } : {}),
    });
  }
  return out.filter((f) => (f.delivery ?? 'progressive') === 'progressive' || f.mezzanine === true);
}

/** `registry:value`, the job identity of a creative that has a UniversalAdId. */
function universalAdIdKey(c: VastCreative): string | undefined {
  const first = c.universalAdIds?.find((u) => u.value !== '' && u.value !== 'unknown');
  return first === undefined ? undefined : `${first.idRegistry || 'unknown'}:${first.value}`;
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
