// VOD results compared with the Eyevinn hls-splice reference (@eyevinn/hls-splice, tests only)
// on its own test vectors. Compared: the segments in order (URI, duration) and where the
// discontinuities are. Not compared, by design:
// - hls-splice adds #EXT-X-CUE-OUT:DURATION / #EXT-X-CUE-IN around each inserted ad; Interlude
//   does not invent cue tags (existing ones pass through);
// - EXTINF formatting (hls-splice rewrites every EXTINF as "9.0000"; Interlude keeps content
//   lines as written and writes ads in the shortest form, "3");
// - a pre-roll: hls-splice puts #EXT-X-DISCONTINUITY before the first segment; Interlude does
//   not (nothing precedes it), so the first entry's flag is ignored.
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseHls, type HlsMediaPlaylist } from '../../../manifests/hls/index.js';
import { writeHlsSplice } from '../../../manifests/hls/write-splice.js';
import { toPlanSegments } from '../../../manifests/hls/splice/timelines.js';
import { breaksAtOffsets } from '../../../manifests/splice/index.js';
import type { Pod } from '../../../manifests/model/index.js';
import { vectorPath, vectorsAvailable } from '../../support/vectors.js';

interface SpliceVod {
  load(master: () => NodeJS.ReadableStream, media: (bw: number) => NodeJS.ReadableStream): Promise<void>;
  insertAdAt(offsetMs: number, uri: string, master: () => NodeJS.ReadableStream, media: (bw: number) => NodeJS.ReadableStream): Promise<void>;
  getMediaManifest(bw: number): string;
}
const require = createRequire(import.meta.url);

const tv = (...p: string[]) => vectorPath('hls', 'eyevinn-hls-splice', ...p);
const bwmap: Record<number, string> = { 4497000: '0', 2497000: '1' };

interface Entry { readonly uri: string; readonly durationMs: number; readonly discontinuity: boolean }

function entries(text: string): Entry[] {
  const r = parseHls(text);
  if (!r.ok || r.value.kind !== 'media') throw new Error('not a media playlist');
  return r.value.segments.map((s, i) => ({ uri: s.uri, durationMs: Math.round(s.durationUs / 1000), discontinuity: i > 0 && s.discontinuity }));
}

function media(file: string): HlsMediaPlaylist {
  const r = parseHls(readFileSync(file, 'utf8'));
  if (!r.ok || r.value.kind !== 'media') throw new Error(`${file}: not a media playlist`);
  return r.value;
}

const ad = (durationUs: number): Pod => ({
  breakId: '', source: 'demo', filledUs: durationUs, notes: [],
  ads: [{ id: 'ad1', sequence: 1, adId: 'ad1', creativeId: 'c1', durationUs, hlsUrl: 'http://mock.com/ad/mockad.m3u8', tracking: {} }],
});

function ours(content: HlsMediaPlaylist, adPlaylist: HlsMediaPlaylist, offsetUs: number): string {
  const breaks = breaksAtOffsets([offsetUs], toPlanSegments(content));
  const id = breaks[0]!.id;
  const pod = { ...ad(adPlaylist.endUs), breakId: id };
  return writeHlsSplice({ content, breaks, pods: { [id]: pod }, ads: { ad1: adPlaylist }, segmentUri: (ref) => `http://mock.com/ad/${ref.uri}` }).text;
}

async function reference(offsetMs: number, bw: number): Promise<string> {
  const HLSSpliceVod = require('@eyevinn/hls-splice') as new (uri: string) => SpliceVod;
  const vod = new HLSSpliceVod('http://mock.com/mock.m3u8');
  await vod.load(() => createReadStream(tv('testvectors', 'hls1', 'master.m3u8')), (b) => createReadStream(tv('testvectors', 'hls1', `index_${bwmap[b]}_av.m3u8`)));
  await vod.insertAdAt(offsetMs, 'http://mock.com/ad/mockad.m3u8', () => createReadStream(tv('testvectors', 'ad1', 'master.m3u8')), (b) => createReadStream(tv('testvectors', 'ad1', `index_${bwmap[b]}_av.m3u8`)));
  return vod.getMediaManifest(bw);
}

describe.skipIf(!vectorsAvailable)('VOD splicing matches @eyevinn/hls-splice', () => {
  it('reproduces the README example (ad after the first segment)', () => {
    const content = media(tv('README-example__1-input-vod.m3u8'));
    const adPl = media(tv('README-example__2-ad-vod.m3u8'));
    const out = ours(content, adPl, 9_000_000);
    expect(entries(out).map((e) => ({ ...e, uri: e.uri.replace('/ad/', '/ad2/') }))).toEqual(entries(readFileSync(tv('README-example__3-result-ad-after-first-segment.m3u8'), 'utf8')));
  });

  // Offsets in ms as hls-splice takes them; -1 is its post-roll.
  for (const offsetMs of [0, 9000, 18000, 35000, -1]) {
    for (const bw of [4497000, 2497000]) {
      it(`inserts the ad at ${offsetMs} ms like hls-splice (${bw} bps)`, async () => {
        const content = media(tv('testvectors', 'hls1', `index_${bwmap[bw]}_av.m3u8`));
        const adPl = media(tv('testvectors', 'ad1', `index_${bwmap[bw]}_av.m3u8`));
        const offsetUs = offsetMs < 0 ? content.endUs + 1 : offsetMs * 1000;
        const mine = entries(ours(content, adPl, offsetUs));
        const theirs = entries(await reference(offsetMs, bw));
        expect(mine.length).toBeGreaterThan(content.segments.length);
        expect(mine).toEqual(theirs);
      });
    }
  }
});
