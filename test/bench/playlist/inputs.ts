// The playlist bench's inputs, generated here and served from memory: a live window inside a
// break, a 1,800-segment VOD without cues (the channel places 4 mid-rolls, the same points
// hls-splice is told to insert at), one 30-s ad creative, a slate and the VAST answer.
import { buildVastPod } from '../../../src/demo/ad-server/vast-document.js';

export const SEGMENT_SEC = 6;
export const LIVE_WINDOW = 6;
export const VOD_SEGMENTS = 1_800;
/** Mid-roll points of the VOD (seconds of content): 4 breaks across its 3 hours. */
export const VOD_BREAKS_SEC: readonly number[] = [1_800, 4_200, 6_600, 9_000];
export const AD_SEC = 30;
export const BANDWIDTH = 2_000_000;
const RESOLUTION = '1280x720';
const CODECS = 'avc1.64001f,mp4a.40.2';

/** Origin paths, relative to the origin base URL. */
export const PATHS = {
  liveMaster: 'live/master.m3u8',
  liveMedia: 'live/720p.m3u8',
  vodMaster: 'vod/master.m3u8',
  vodMedia: 'vod/720p.m3u8',
  adMaster: 'ads/spot/master.m3u8',
  adMedia: 'ads/spot/720p.m3u8',
  slateMaster: 'slate/master.m3u8',
  slateMedia: 'slate/720p.m3u8',
} as const;

export function masterPlaylist(mediaName = '720p.m3u8'): string {
  return `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=${BANDWIDTH},RESOLUTION=${RESOLUTION},CODECS="${CODECS}"\n${mediaName}\n`;
}

function vodMedia(segments: number, name: (i: number) => string): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${SEGMENT_SEC}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  for (let i = 0; i < segments; i++) lines.push(`#EXTINF:${SEGMENT_SEC}.000,`, name(i));
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** 1,800 segments of 6 s (3 h), no cue markers. */
export function vodMediaPlaylist(): string {
  return vodMedia(VOD_SEGMENTS, (i) => `seg-${String(i).padStart(5, '0')}.ts`);
}

export function adMediaPlaylist(): string {
  return vodMedia(AD_SEC / SEGMENT_SEC, (i) => `spot-${i}.ts`);
}

export function slateMediaPlaylist(): string {
  return vodMedia(1, () => 'slate-0.ts');
}

/**
 * A 6-segment live window whose last five segments sit inside a 30-s break: the cue opens on
 * the second segment, so every refresh of this window is a mid-break refresh. The window is
 * frozen: a steady state between two origin updates (no live-state write per request).
 */
export function liveMediaPlaylist(firstSeq = 100_000, startMs = Date.UTC(2026, 0, 1)): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${SEGMENT_SEC}`, `#EXT-X-MEDIA-SEQUENCE:${firstSeq}`];
  for (let i = 0; i < LIVE_WINDOW; i++) {
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(startMs + i * SEGMENT_SEC * 1000).toISOString()}`);
    if (i === 1) lines.push(`#EXT-X-CUE-OUT:DURATION=${AD_SEC}`);
    else if (i > 1) lines.push(`#EXT-X-CUE-OUT-CONT:ElapsedTime=${(i - 1) * SEGMENT_SEC},Duration=${AD_SEC}`);
    lines.push(`#EXTINF:${SEGMENT_SEC}.000,`, `live-${firstSeq + i}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

/** One 30-s ad per request, whatever the break asks for: the same pod hls-splice inserts. */
export function vastResponse(originBase: string): string {
  return buildVastPod({
    ads: [{
      creative: { id: 'spot', title: 'Bench spot', durationSec: AD_SEC, delivery: 'hls' },
      mediaFile: { url: `${originBase}${PATHS.adMaster}`, delivery: 'streaming', type: 'application/x-mpegURL', width: 1280, height: 720, bitrateKbps: BANDWIDTH / 1000 },
    }],
    beaconUrl: (event) => `${originBase}beacon?e=${event}`,
    servingId: 'bench',
  });
}

/** Every document the loopback origin serves, by path (leading slash). */
export function originDocuments(originBase: string): Map<string, { body: string; type: string }> {
  const m3u8 = 'application/vnd.apple.mpegurl';
  return new Map([
    [`/${PATHS.liveMaster}`, { body: masterPlaylist(), type: m3u8 }],
    [`/${PATHS.liveMedia}`, { body: liveMediaPlaylist(), type: m3u8 }],
    [`/${PATHS.vodMaster}`, { body: masterPlaylist(), type: m3u8 }],
    [`/${PATHS.vodMedia}`, { body: vodMediaPlaylist(), type: m3u8 }],
    [`/${PATHS.adMaster}`, { body: masterPlaylist(), type: m3u8 }],
    [`/${PATHS.adMedia}`, { body: adMediaPlaylist(), type: m3u8 }],
    [`/${PATHS.slateMaster}`, { body: masterPlaylist(), type: m3u8 }],
    [`/${PATHS.slateMedia}`, { body: slateMediaPlaylist(), type: m3u8 }],
    ['/vast', { body: vastResponse(originBase), type: 'application/xml' }],
  ]);
}
