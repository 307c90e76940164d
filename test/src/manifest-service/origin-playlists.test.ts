import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import type { Fetcher, FetchTextResult } from '../../../src/net/fetcher.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { OriginClient } from '../../../src/manifest-service/origin-client.js';
import { OriginPlaylists, type OriginCacheOptions } from '../../../src/manifest-service/origin-playlists.js';

const LIVE = (msn: number) => ['#EXTM3U', '#EXT-X-TARGETDURATION:4', `#EXT-X-MEDIA-SEQUENCE:${msn}`,
  '#EXTINF:4.0,', `seg-${msn}.ts`, '#EXT-X-CUE-OUT:DURATION=8', '#EXTINF:4.0,', `seg-${msn + 1}.ts`, '#EXTINF:4.0,', '../up/seg.ts', ''].join('\n');
const VOD = ['#EXTM3U', '#EXT-X-TARGETDURATION:4', '#EXTINF:4.0,', 'a.ts', '#EXT-X-ENDLIST', ''].join('\n');
const URL_ = 'http://origin.test/ch/720p.m3u8';

function world(options: OriginCacheOptions = {}) {
  let body: string | Error = LIVE(10);
  let now = 0;
  let fetches = 0;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const fetcher: Fetcher = {
    async fetchText(url): Promise<FetchTextResult> {
      fetches++;
      if (gate !== undefined) await gate;
      if (body instanceof Error) throw body;
      return { status: 200, headers: {}, body, url };
    },
  };
  const origin = new OriginClient({ fetcher, policy: DEFAULT_CONFIG.fetch.originManifest, metrics: createMetrics({ defaultMetrics: false }) });
  const cache = new OriginPlaylists(origin, { nowMs: () => now }, options);
  return {
    cache,
    get fetches() { return fetches; },
    setBody(b: string | Error) { body = b; },
    advance(ms: number) { now += ms; },
    hold() { gate = new Promise((r) => { release = r; }); },
    release() { gate = undefined; release?.(); },
  };
}

describe('OriginPlaylists', () => {
  it('makes content URIs absolute and reads the cue breaks once', async () => {
    const w = world();
    const m = await w.cache.media(URL_, 'ch');
    expect(m.playlist.segments.map((s) => s.uri)).toEqual(['http://origin.test/ch/seg-10.ts', 'http://origin.test/ch/seg-11.ts', 'http://origin.test/up/seg.ts']);
    expect(m.cued).toHaveLength(1);
  });

  it('concurrent requests share one fetch; an unchanged text reuses the parse', async () => {
    const w = world();
    w.hold();
    const [a, b] = [w.cache.media(URL_, 'ch'), w.cache.media(URL_, 'ch')];
    w.release();
    const [ma, mb] = await Promise.all([a, b]);
    expect(w.fetches).toBe(1);
    expect(ma).toBe(mb);
    const again = await w.cache.media(URL_, 'ch');
    expect(w.fetches).toBe(2); // no TTL by default: fetched again...
    expect(again).toBe(ma); // ...but the same text is not parsed again
    w.setBody(LIVE(11));
    expect((await w.cache.media(URL_, 'ch')).playlist.mediaSequence).toBe(11);
  });

  it('failures are not cached and reach every waiting caller', async () => {
    const w = world();
    w.setBody(Object.assign(new TypeError('down'), { code: 'FETCH_HTTP_STATUS', status: 500 }));
    await expect(w.cache.media(URL_, 'ch')).rejects.toMatchObject({ code: expect.stringMatching(/^ORIGIN_/) });
    w.setBody(LIVE(10));
    await expect(w.cache.media(URL_, 'ch')).resolves.toBeDefined();
  });

  it('a multivariant answer is ORIGIN_BAD_PLAYLIST', async () => {
    const w = world();
    w.setBody('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n');
    await expect(w.cache.media(URL_, 'ch')).rejects.toMatchObject({ code: 'ORIGIN_BAD_PLAYLIST' });
  });

  it('with a TTL: live min(max, targetDuration / 2), VOD its own', async () => {
    const w = world({ liveMaxTtlMs: 1_000, vodTtlMs: 30_000 });
    await w.cache.media(URL_, 'ch');
    w.advance(999);
    await w.cache.media(URL_, 'ch');
    expect(w.fetches).toBe(1);
    w.advance(1);
    await w.cache.media(URL_, 'ch');
    expect(w.fetches).toBe(2);
    w.setBody(VOD);
    w.advance(1_000);
    await w.cache.media(URL_, 'ch');
    w.advance(29_999);
    await w.cache.media(URL_, 'ch');
    expect(w.fetches).toBe(3);
  });

  it('is bounded by entries', async () => {
    const w = world({ maxEntries: 2, liveMaxTtlMs: 1_000 });
    for (const n of [1, 2, 3]) await w.cache.media(`http://origin.test/${n}.m3u8`, 'ch');
    await w.cache.media('http://origin.test/3.m3u8', 'ch');
    expect(w.fetches).toBe(3);
    await w.cache.media('http://origin.test/1.m3u8', 'ch');
    expect(w.fetches).toBe(4);
  });
});
