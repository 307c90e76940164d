// One runner for fixtures/hls-splice/<case>/ (STYLE §7). Each case has plan-input.json:
//   { description, breaks?: Break[], offsetsUs?: number[], pods, joinMode?, windows?: n,
//     renditions?: [{ name, content, ads: {podAdId: file}, slate?, subtitleFillerUri?, expected, expectedPlan }] }
// Without `renditions` the case is one rendition: input.m3u8, ads from `ads`, expected.m3u8,
// expected-plan.json. With `windows: n` it is live: content window-<k>.m3u8 for k = 1..n (per
// rendition: <name>-window-<k>.m3u8), state threaded from one refresh to the next, expected
// files suffixed -<k>. UPDATE_GOLDEN=1 rewrites the expected files (review the diff!).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Break, Pod } from '../../../manifests/model/index.js';
import { parseHls, type HlsMediaPlaylist } from '../../../manifests/hls/index.js';
import { writeHlsSplice, type AdSegmentRef } from '../../../manifests/hls/write-splice.js';
import { subtitleFillers } from '../../../manifests/hls/splice/subtitle-filler.js';
import { toPlanSegments } from '../../../manifests/hls/splice/timelines.js';
import { breaksAtOffsets, type LiveState } from '../../../manifests/splice/index.js';
import { fixturePath } from '../../support/vectors.js';

interface RenditionSpec {
  readonly name: string;
  readonly content: string;
  readonly ads?: Record<string, string>;
  readonly slate?: string;
  /** Subtitles: empty WebVTT filler shaped like this rendition's ads. */
  readonly subtitleFillerUri?: string;
  readonly fillerFrom?: string;
  /** false: ad URIs are written as given (subtitle filler is not an ad request). */
  readonly rewrite?: boolean;
  readonly expected: string;
  readonly expectedPlan: string;
}

interface CaseSpec {
  readonly description: string;
  readonly breaks?: Break[];
  readonly offsetsUs?: number[];
  readonly pods: Record<string, Pod>;
  readonly ads?: Record<string, string>;
  readonly slate?: string;
  readonly joinMode?: 'ad' | 'content';
  readonly windows?: number;
  /** Live: the breaks a cue reader reports for window k. */
  readonly windowBreaks?: Record<string, Break[]>;
  readonly renditions?: RenditionSpec[];
}

const root = fixturePath('hls-splice');
const update = process.env.UPDATE_GOLDEN === '1';

function media(file: string): HlsMediaPlaylist {
  const r = parseHls(readFileSync(file, 'utf8'));
  if (!r.ok || r.value.kind !== 'media') throw new Error(`${file}: not a media playlist`);
  return r.value;
}

export function segmentUri(ref: AdSegmentRef): string {
  if (ref.part === 'key') return ref.uri;
  const who = ref.kind === 'slate' ? 'slate' : ref.podAdId;
  return `/v1/segment/s1/${ref.breakId}.${who}.${ref.segment}${ref.part === 'map' ? '.init' : ''}`;
}

function check(dir: string, file: string, actual: string): void {
  const path = join(dir, file);
  if (update || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

function suffix(file: string, k: number | undefined): string {
  if (k === undefined) return file;
  const dot = file.lastIndexOf('.');
  return `${file.slice(0, dot)}-${k}${file.slice(dot)}`;
}

const cases = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'plan-input.json'))).sort() : [];

describe('fixtures/hls-splice', () => {
  it('has cases', () => { expect(cases.length).toBeGreaterThan(10); });

  for (const name of cases) {
    const dir = join(root, name);
    const spec = JSON.parse(readFileSync(join(dir, 'plan-input.json'), 'utf8')) as CaseSpec;
    it(`${name}: ${spec.description}`, () => {
      const renditions: RenditionSpec[] = spec.renditions ?? [{
        name: 'main', content: spec.windows === undefined ? 'input.m3u8' : 'window-{k}.m3u8', ads: spec.ads ?? {}, ...(spec.slate === undefined ? {} : { slate: spec.slate }),
        expected: 'expected.m3u8', expectedPlan: 'expected-plan.json',
      }];
      const adsByRendition = new Map<string, Record<string, HlsMediaPlaylist>>();
      const states = new Map<string, LiveState | null>();
      const steps: (number | undefined)[] = spec.windows === undefined ? [undefined] : Array.from({ length: spec.windows }, (_, i) => i + 1);
      for (const k of steps) {
        for (const r of renditions) {
          const contentFile = k === undefined ? r.content : r.content.replace('{k}', String(k));
          const content = media(join(dir, contentFile));
          let ads: Record<string, HlsMediaPlaylist> = {};
          for (const [id, f] of Object.entries(r.ads ?? {})) ads[id] = media(join(dir, f));
          if (r.subtitleFillerUri !== undefined) ads = subtitleFillers(adsByRendition.get(r.fillerFrom ?? '') ?? {}, r.subtitleFillerUri);
          adsByRendition.set(r.name, ads);
          const windowBreaks = k === undefined ? undefined : spec.windowBreaks?.[String(k)];
          const breaks = windowBreaks ?? spec.breaks ?? breaksAtOffsets(spec.offsetsUs ?? [], toPlanSegments(content));
          const run = () => writeHlsSplice({
            content, breaks, pods: spec.pods, ads, segmentUri: r.rewrite === false ? (ref: AdSegmentRef) => ref.uri : segmentUri,
            ...(r.slate === undefined ? {} : { slate: media(join(dir, r.slate)) }),
            ...(content.endList && !states.has(r.name) ? {} : { live: { state: states.get(r.name) ?? null, joinMode: spec.joinMode ?? 'ad' } }),
          });
          const out = run();
          // Same inputs (and the same stored state), same bytes: the writer keeps nothing between calls.
          expect(run()).toEqual(out);
          if (out.nextState !== undefined) states.set(r.name, JSON.parse(JSON.stringify(out.nextState)) as LiveState);
          check(dir, suffix(r.expected, k), out.text);
          check(dir, suffix(r.expectedPlan, k), `${JSON.stringify(out.plan, null, 2)}\n`);
        }
      }
    });
  }
});
