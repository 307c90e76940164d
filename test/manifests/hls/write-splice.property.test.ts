// Writer-level properties over random live timelines (see test/manifests/splice/live-sim.ts):
// the playlist text, parsed back, shows the planner's numbering (every EXT-X-DISCONTINUITY and
// header in its place), a segment URI keeps its MSN and discontinuity sequence across
// refreshes, and the same inputs give the same bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMicros } from '../../../manifests/model/index.js';
import { parseHls, type HlsMediaPlaylist } from '../../../manifests/hls/index.js';
import { writeHlsSplice } from '../../../manifests/hls/write-splice.js';
import type { LiveState } from '../../../manifests/splice/index.js';
import { simArb, windowAt, type Sim } from '../splice/live-sim.js';

function media(text: string): HlsMediaPlaylist {
  const r = parseHls(text);
  if (!r.ok || r.value.kind !== 'media') throw new Error('not a media playlist');
  return r.value;
}

function windowText(sim: Sim, p: number, variant: string): string {
  const { segments } = windowAt(sim, p);
  const first = segments[0]!;
  const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:7', `#EXT-X-MEDIA-SEQUENCE:${first.mediaSequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${first.discontinuitySequence - (first.discontinuity ? 1 : 0)}`];
  for (const s of segments) {
    if (s.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${formatMicros(s.durationUs)},`, `${variant}/seg${s.mediaSequence}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

function adPlaylists(sim: Sim, variant: string): Record<string, HlsMediaPlaylist> {
  const out: Record<string, HlsMediaPlaylist> = {};
  for (const [id, t] of Object.entries(sim.adTimelines)) {
    const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:16', '#EXT-X-PLAYLIST-TYPE:VOD'];
    t.segmentsUs.forEach((d, i) => lines.push(`#EXTINF:${formatMicros(d)},`, `${variant}/${id}/${i}.ts`));
    lines.push('#EXT-X-ENDLIST');
    out[id] = media(`${lines.join('\n')}\n`);
  }
  return out;
}

describe('writeHlsSplice live properties', () => {
  it('text numbering equals the plan and stays consistent per URI across refreshes; same inputs, same bytes', () => {
    fc.assert(fc.property(simArb(false), (sim) => {
      const seen = new Map<string, string>();
      let state: LiveState | null = null;
      const ads = adPlaylists(sim, 'v');
      for (const p of sim.starts) {
        const content = media(windowText(sim, p, 'v'));
        const input = {
          content, breaks: windowAt(sim, p).breaks, pods: sim.pods, ads,
          segmentUri: (ref: { uri: string }) => `/s/${ref.uri}`,
          live: { state, joinMode: sim.joinMode },
        };
        const out = writeHlsSplice(input);
        expect(writeHlsSplice(input).text).toBe(out.text);
        state = out.nextState!;
        const parsed = media(out.text);
        expect(parsed.mediaSequence).toBe(out.plan.mediaSequence);
        const planned = [] as string[];
        const got = parsed.segments.map((s) => `${s.mediaSequence}/${s.discontinuitySequence}`);
        // Re-plan through the writer's own output: the parsed numbering must be the planner's.
        let m = out.plan.mediaSequence;
        let d = out.plan.discontinuitySequence;
        parsed.segments.forEach((s, i) => {
          if (i > 0) { m++; if (s.discontinuity) d++; }
          planned.push(`${m}/${d}`);
          const prev = seen.get(s.uri);
          if (prev !== undefined) expect(`${s.uri} ${got[i]}`).toBe(`${s.uri} ${prev}`);
          seen.set(s.uri, got[i]!);
        });
        expect(got).toEqual(planned);
        expect(parsed.segments[0]?.discontinuity ?? false).toBe(false);
      }
    }), { numRuns: 200 });
  });

  it('with no breaks the live output is the origin text byte for byte', () => {
    fc.assert(fc.property(simArb(false), (sim) => {
      let state: LiveState | null = null;
      for (const p of sim.starts) {
        const text = windowText({ ...sim, discontinuities: sim.discontinuities.map(() => false) }, p, 'v');
        const out = writeHlsSplice({ content: media(text), breaks: [], pods: {}, ads: {}, segmentUri: () => 'x', live: { state, joinMode: 'ad' } });
        state = out.nextState!;
        expect(out.text).toBe(text);
      }
    }), { numRuns: 100 });
  });
});
