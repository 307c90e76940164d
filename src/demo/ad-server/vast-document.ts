import type { DemoCreative } from './pod-selection.js';

/** VAST 4 linear tracking events the demo asks to be pinged for (besides the Impression). */
export const DEMO_TRACKING_EVENTS = ['start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'] as const;
export type DemoBeaconEvent = 'impression' | 'error' | (typeof DEMO_TRACKING_EVENTS)[number];

export interface VastMediaFile {
  readonly url: string;
  readonly delivery: 'streaming' | 'progressive';
  readonly type: 'application/x-mpegURL' | 'video/mp4';
  readonly width: number;
  readonly height: number;
  /** kbit/s */
  readonly bitrateKbps: number;
}

export interface VastPodAd {
  readonly creative: DemoCreative;
  readonly mediaFile: VastMediaFile;
}

export interface VastPodInput {
  readonly ads: readonly VastPodAd[];
  /** Builds the beacon URL for one event of the ad at `sequence` (1-based). */
  readonly beaconUrl: (event: DemoBeaconEvent, ad: DemoCreative, sequence: number) => string;
  /** Echoed in AdServingId so logs can tie an ad back to the request. */
  readonly servingId: string;
}

/**
 * A VAST 4.0 ad pod: one InLine Ad per creative with `sequence` 1..n, each with an
 * Impression, an Error URL carrying the `[ERRORCODE]` macro, a UniversalAdId, and one Linear
 * creative whose MediaFile is the HLS multivariant (streaming) or the MP4 (progressive).
 * An empty pod is the VAST "no ad" answer: `<VAST version="4.0"/>` with no Ad.
 */
export function buildVastPod(input: VastPodInput): string {
  const ads = input.ads.map((ad, i) => adXml(ad, i + 1, input));
  if (ads.length === 0) return '<?xml version="1.0" encoding="UTF-8"?>\n<VAST version="4.0"/>\n';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<VAST version="4.0" xmlns="http://www.iab.com/VAST">\n${ads.join('')}</VAST>\n`;
}

function adXml(ad: VastPodAd, sequence: number, input: VastPodInput): string {
  const c = ad.creative;
  const url = (event: DemoBeaconEvent): string => cdata(input.beaconUrl(event, c, sequence));
  const tracking = DEMO_TRACKING_EVENTS.map((e) => `              <Tracking event="${e}">${url(e)}</Tracking>\n`).join('');
  const m = ad.mediaFile;
  const mediaAttrs =
    `id="${attr(c.id)}-${m.delivery}" delivery="${m.delivery}" type="${m.type}" width="${m.width}" height="${m.height}"` +
    (m.delivery === 'streaming' ? ` minBitrate="${m.bitrateKbps}" maxBitrate="${m.bitrateKbps}"` : ` bitrate="${m.bitrateKbps}"`);
  return (
    `  <Ad id="${attr(c.id)}" sequence="${sequence}">\n` +
    `    <InLine>\n` +
    `      <AdSystem version="1">Interlude demo ad server</AdSystem>\n` +
    `      <AdServingId>${text(input.servingId)}-${sequence}</AdServingId>\n` +
    `      <AdTitle>${text(c.title)}</AdTitle>\n` +
    `      <Impression id="${attr(c.id)}-imp">${url('impression')}</Impression>\n` +
    `      <Error>${url('error')}</Error>\n` +
    `      <Creatives>\n` +
    `        <Creative id="${attr(c.id)}-creative" adId="${attr(c.id)}" sequence="1">\n` +
    `          <UniversalAdId idRegistry="interlude-demo">${text(c.id)}</UniversalAdId>\n` +
    `          <Linear>\n` +
    `            <Duration>${vastDuration(c.durationSec)}</Duration>\n` +
    `            <TrackingEvents>\n${tracking}            </TrackingEvents>\n` +
    `            <MediaFiles>\n` +
    `              <MediaFile ${mediaAttrs}>${cdata(m.url)}</MediaFile>\n` +
    `            </MediaFiles>\n` +
    `          </Linear>\n` +
    `        </Creative>\n` +
    `      </Creatives>\n` +
    `    </InLine>\n` +
    `  </Ad>\n`
  );
}

/** `HH:MM:SS.mmm`, the VAST time format. */
export function vastDuration(sec: number): string {
  const ms = Math.round(sec * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function text(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function attr(s: string): string {
  return text(s).replaceAll('"', '&quot;');
}
