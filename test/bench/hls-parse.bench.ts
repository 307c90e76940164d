/**
 * HLS parse + serialize against the parsers people already use, in the same run:
 * - m3u8-parser parse alone (the baseline; our target is parse + serialize ≤ 1× this),
 * - hls-parser parse + stringify (the nearest thing to a round trip).
 * Two playlists, generated here: a 6-segment live window and a 1,800-segment VOD.
 */
import * as hlsParser from 'hls-parser';
import { Parser } from 'm3u8-parser';
import { parseHls, serializeHls } from '../../manifests/hls/index.js';
import { suite, type BenchResult } from './harness.js';

export function livePlaylist(segments: number): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-TARGETDURATION:7', '#EXT-X-MEDIA-SEQUENCE:184320', '#EXT-X-DISCONTINUITY-SEQUENCE:12'];
  lines.push('#EXT-X-KEY:METHOD=AES-128,URI="https://keys.example.com/k/42",IV=0x0000000000000000000000000002D000');
  for (let i = 0; i < segments; i++) {
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:${String(i * 6).padStart(2, '0')}.000Z`);
    if (i === 3) lines.push('#EXT-X-CUE-OUT:DURATION=30');
    lines.push('#EXTINF:6.006,', `https://cdn.example.com/live/chan/seg_${184320 + i}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

export function vodPlaylist(segments: number): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:11', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-INDEPENDENT-SEGMENTS', '#EXT-X-MAP:URI="init.mp4"'];
  for (let i = 0; i < segments; i++) lines.push('#EXTINF:10.010,', `segment_${String(i).padStart(5, '0')}.m4s`);
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

function ours(text: string): () => string {
  return () => {
    const r = parseHls(text);
    if (!r.ok) throw new Error(r.error.message);
    return serializeHls(r.value);
  };
}

function m3u8ParserParse(text: string): () => unknown {
  return () => {
    const p = new Parser();
    p.push(text);
    p.end();
    return p.manifest;
  };
}

function hlsParserRoundTrip(text: string): () => string {
  return () => hlsParser.stringify(hlsParser.parse(text));
}

const BASELINE = 'm3u8-parser parse';
const OURS = 'interlude parse+serialize';

function verdict(results: readonly BenchResult[]): string[] {
  const base = results.find((r) => r.name === BASELINE);
  const me = results.find((r) => r.name === OURS);
  if (!base || !me) return [];
  const ratio = me.usPerOp / base.usPerOp;
  return [`target ours ≤ 1.00× ${BASELINE}: ${ratio.toFixed(2)}× ${ratio <= 1 ? 'MET' : 'MISSED'}`];
}

for (const [title, text] of [
  ['HLS live, 6 segments', livePlaylist(6)],
  ['HLS VOD, 1,800 segments of 10.010 s', vodPlaylist(1800)],
] as const) {
  suite({
    title,
    baseline: BASELINE,
    cases: [
      { name: OURS, fn: ours(text) },
      { name: BASELINE, fn: m3u8ParserParse(text) },
      { name: 'hls-parser parse+stringify', fn: hlsParserRoundTrip(text) },
    ],
    verdict,
  });
}
