// A stitched VOD built by hand from the demo's own segments: content, an ad pod, content, a
// second pod, content, every boundary marked with EXT-X-DISCONTINUITY. It is what the service
// is meant to produce, in the simplest form, so the break-crossing half of the harness (ad
// spans from the timeline, seeks near boundaries, colour changes across discontinuities) is
// proven before the real player routes exist.
import type { DemoHandle } from '../../src/demo/index.js';
import type { DemoHlsAsset, DemoSegment } from '../../src/demo/media/media-catalog.js';
import { routes, startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';

/** One stretch of the stitched timeline: segments [from, to) of an asset. */
interface Piece {
  readonly assetId: string;
  /** The demo folder the asset is served from: `vod` for content, `ads/<id>` for creatives. */
  readonly folder: string;
  readonly from: number;
  readonly to?: number;
}

/** 10 s content, red (10 s) + green (5 s), 10 s content, blue (15 s), 6 s content. */
const PIECES: readonly Piece[] = [
  { assetId: 'content', folder: 'vod', from: 0, to: 5 },
  { assetId: 'ad-red', folder: 'ads/ad-red', from: 0 },
  { assetId: 'ad-green', folder: 'ads/ad-green', from: 0 },
  { assetId: 'content', folder: 'vod', from: 5, to: 10 },
  { assetId: 'ad-blue', folder: 'ads/ad-blue', from: 0 },
  { assetId: 'content', folder: 'vod', from: 10, to: 13 },
];

export interface HandStitchedVod {
  readonly masterUrl: string;
  /** Media-time spans of the two pods, as the playlist lays them out. */
  readonly adSpans: readonly { readonly start: number; readonly end: number }[];
  close(): Promise<void>;
}

const CORS = { 'access-control-allow-origin': '*', 'content-type': 'application/vnd.apple.mpegurl' };

export async function startHandStitchedVod(demo: DemoHandle): Promise<HandStitchedVod> {
  const catalog = demo.media.catalog;
  const asset = (id: string): DemoHlsAsset => {
    const a = catalog.hls.find((x) => x.id === id);
    if (a === undefined) throw new Error(`hand-stitched: the demo catalog has no ${id}`);
    return a;
  };
  const content = asset('content');
  const table: Record<string, { body: string; headers: Record<string, string> }> = {};
  const master = ['#EXTM3U', '#EXT-X-VERSION:3'];
  let adSpans: { start: number; end: number }[] = [];
  for (const rendition of content.renditions) {
    const built = mediaPlaylist(demo.originBaseUrl, rendition.name, (id) => asset(id));
    adSpans = built.adSpans;
    table[`/${rendition.name}.m3u8`] = { body: built.text, headers: CORS };
    master.push(`#EXT-X-STREAM-INF:BANDWIDTH=${rendition.bandwidth},RESOLUTION=${rendition.width}x${rendition.height},CODECS="${rendition.codecs}"`, `${rendition.name}.m3u8`);
  }
  table['/master.m3u8'] = { body: `${master.join('\n')}\n`, headers: CORS };
  const server: LoopbackServer = await startLoopbackServer(routes(table));
  return { masterUrl: server.url('/master.m3u8'), adSpans, close: () => server.close() };
}

function mediaPlaylist(originBaseUrl: string, renditionName: string, asset: (id: string) => DemoHlsAsset): { text: string; adSpans: { start: number; end: number }[] } {
  const lines: string[] = [];
  const adSpans: { start: number; end: number }[] = [];
  let t = 0;
  let maxDuration = 0;
  let inAd = false;
  PIECES.forEach((piece, i) => {
    const segments: DemoSegment[] = asset(piece.assetId).renditions.find((r) => r.name === renditionName)?.segments.slice(piece.from, piece.to) ?? [];
    const isAd = piece.assetId !== 'content';
    if (i > 0) lines.push('#EXT-X-DISCONTINUITY');
    if (isAd && !inAd) adSpans.push({ start: t, end: t });
    inAd = isAd;
    for (const s of segments) {
      lines.push(`#EXTINF:${s.durationSec.toFixed(3)},`, new URL(`${piece.folder}/${s.file}`, originBaseUrl).toString());
      t += s.durationSec;
      maxDuration = Math.max(maxDuration, s.durationSec);
    }
    const open = adSpans[adSpans.length - 1];
    if (isAd && open !== undefined) open.end = t;
  });
  const header = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${Math.ceil(maxDuration)}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  return { text: `${[...header, ...lines, '#EXT-X-ENDLIST'].join('\n')}\n`, adSpans };
}
