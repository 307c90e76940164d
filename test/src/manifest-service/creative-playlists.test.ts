// A creative's playlists through CreativePlaylists: the segment redirect targets and the ad
// timeline, from origin-hosted and locally stored (/creatives/...) packages, fetched once.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { CreativePlaylists } from '../../../src/manifest-service/creative-playlists.js';
import { OriginClient } from '../../../src/manifest-service/origin-client.js';
import type { Fetcher, FetchTextResult } from '../../../src/net/fetcher.js';
import { createMetrics } from '../../../src/observability/metrics.js';

const MASTER = ['#EXTM3U',
  '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360', '360p/index.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=2400000,RESOLUTION=1280x720', 'https://cdn.test/other/720p.m3u8', ''].join('\n');
const MEDIA = ['#EXTM3U', '#EXT-X-TARGETDURATION:4', '#EXT-X-MAP:URI="init.mp4"',
  '#EXTINF:4.0,', 'seg-0.m4s', '#EXTINF:4.0,', '../shared/seg-1.m4s', '#EXTINF:2.5,', 'https://other.test/seg-2.m4s', '#EXT-X-ENDLIST', ''].join('\n');

function world() {
  const docs = new Map<string, string>([
    ['https://ads.test/c1/master.m3u8', MASTER],
    ['https://ads.test/c1/360p/index.m3u8', MEDIA],
    ['https://cdn.test/other/720p.m3u8', MEDIA],
  ]);
  const local = new Map<string, string>([['/creatives/c2/master.m3u8', MASTER], ['/creatives/c2/360p/index.m3u8', MEDIA]]);
  const fetched: string[] = [];
  const fetcher: Fetcher = {
    fetchText(url): Promise<FetchTextResult> {
      fetched.push(url);
      const body = docs.get(url);
      if (body === undefined) return Promise.reject(Object.assign(new TypeError(`no ${url}`), { code: 'FETCH_HTTP_STATUS' }));
      return Promise.resolve({ status: 200, headers: {}, body, url });
    },
  };
  const origin = new OriginClient({ fetcher, policy: DEFAULT_CONFIG.fetch.originManifest, metrics: createMetrics({ defaultMetrics: false }) });
  const creatives = new CreativePlaylists(origin, 50, (url) => Promise.resolve(local.get(url)));
  return { creatives, fetched };
}

const MEDIA_PART = { kind: 'media' } as const;

describe('CreativePlaylists', () => {
  it('resolves each segment against its own media playlist, the same on every request, fetching each playlist once', async () => {
    const { creatives, fetched } = world();
    const top = 'https://ads.test/c1/master.m3u8';
    const targets = async () => Promise.all([0, 1, 2, 3].map((s) => creatives.target(top, 0, s, MEDIA_PART, 'ch')));
    const first = await targets();
    expect(first).toEqual(['https://ads.test/c1/360p/seg-0.m4s', 'https://ads.test/c1/shared/seg-1.m4s', 'https://other.test/seg-2.m4s', undefined]);
    expect(await targets()).toEqual(first);
    expect(await creatives.target(top, 1, 0, MEDIA_PART, 'ch')).toBe('https://cdn.test/other/seg-0.m4s');
    expect(await creatives.target(top, 0, 0, { kind: 'map' }, 'ch')).toBe('https://ads.test/c1/360p/init.mp4');
    expect(await creatives.target(top, 2, 0, MEDIA_PART, 'ch')).toBeUndefined();
    expect(fetched.sort()).toEqual(['https://ads.test/c1/360p/index.m3u8', 'https://ads.test/c1/master.m3u8', 'https://cdn.test/other/720p.m3u8']);
  });

  it('keeps a locally stored creative service-relative', async () => {
    const { creatives, fetched } = world();
    expect(await creatives.target('/creatives/c2/master.m3u8', 0, 1, MEDIA_PART, 'ch')).toBe('/creatives/c2/shared/seg-1.m4s');
    expect(await creatives.target('/creatives/c2/master.m3u8', 0, 2, MEDIA_PART, 'ch')).toBe('https://other.test/seg-2.m4s');
    expect(fetched).toEqual([]);
  });

  it('gives the ad timeline of a rendition, the same on every request', async () => {
    const { creatives } = world();
    const top = 'https://ads.test/c1/master.m3u8';
    const timeline = await creatives.timeline(top, 0, 'ch');
    expect(timeline).toEqual({ segmentsUs: [4_000_000, 4_000_000, 2_500_000] });
    expect(await creatives.timeline(top, 0, 'ch')).toEqual(timeline);
    expect(await creatives.timeline(top, 5, 'ch')).toBeUndefined();
  });
});
