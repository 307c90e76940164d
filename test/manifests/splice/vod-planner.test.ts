import { describe, expect, it } from 'vitest';
import type { Break, Pod } from '../../../manifests/model/index.js';
import { breaksAtOffsets, buildFill, planVod, type PlanSegment } from '../../../manifests/splice/index.js';

const S = 1_000_000;
function segs(durs: number[], disc: number[] = []): PlanSegment[] {
  let t = 0;
  return durs.map((d, i) => {
    const s = { mediaSequence: 10 + i, discontinuitySequence: 0, startUs: t, durationUs: d * S, discontinuity: disc.includes(i) };
    t += d * S;
    return s;
  });
}
function pod(breakId: string, ads: [string, number][]): Pod {
  return { breakId, source: 't', filledUs: ads.reduce((s, [, d]) => s + d * S, 0), notes: [],
    ads: ads.map(([id, d], i) => ({ id, sequence: i + 1, adId: id, creativeId: id, durationUs: d * S, hlsUrl: '', tracking: {} })) };
}
const brk = (id: string, startS: number, durationS: number | null, msn = 0): Break => ({ id, startUs: startS * S, durationUs: durationS === null ? null : durationS * S, mediaSequence: msn, dialect: 'cue-out', joinedMidBreak: false });
const shape = (items: ReturnType<typeof planVod>['items']) => items.map((it) => (it.kind === 'content' ? `c${it.index}${it.discontinuity ? '!' : ''}` : `${it.breakId}${it.discontinuity ? '!' : ''}`));

describe('breaksAtOffsets', () => {
  it('snaps offsets to the next boundary, sorts, dedupes, drops negatives, and makes post-rolls', () => {
    const b = breaksAtOffsets([13 * S, 0, 13 * S, -1, 99 * S], segs([6, 6, 6, 6]));
    expect(b.map((x) => [x.id, x.startUs, x.mediaSequence])).toEqual([
      ['offset-0', 0, 10], ['offset-13000000', 18 * S, 13], ['offset-99000000', 24 * S, 14],
    ]);
    expect(b.every((x) => x.dialect === 'configured' && x.durationUs === null)).toBe(true);
  });
});

describe('planVod', () => {
  const tl = { a: { segmentsUs: [5 * S, 5 * S] }, b: { segmentsUs: [4 * S] } };

  it('inserts at the next boundary and numbers from the content header', () => {
    const p = planVod({ segments: segs([6, 6, 6]), mediaSequence: 10, discontinuitySequence: 3, breaks: [brk('x', 7, null)], pods: { x: pod('x', [['a', 10]]) }, adTimelines: tl });
    expect(shape(p.items)).toEqual(['c0', 'c1', 'x!', 'x', 'c2!']);
    expect(p.items.map((i) => i.mediaSequence)).toEqual([10, 11, 12, 13, 14]);
    expect(p.items.map((i) => i.discontinuitySequence)).toEqual([3, 3, 4, 4, 5]);
    expect(p.plan.breaks[0]).toMatchObject({ startUs: 12 * S, durationUs: 10 * S, replacedUs: 0 });
  });

  it('a break with a duration replaces the segments starting inside its span', () => {
    const p = planVod({ segments: segs([6, 6, 6, 6]), mediaSequence: 0, discontinuitySequence: 0, breaks: [brk('x', 6, 12)], pods: { x: pod('x', [['b', 4]]) }, adTimelines: tl });
    expect(shape(p.items)).toEqual(['c0', 'x!', 'c3!']);
    expect(p.plan.breaks[0]!.replacedUs).toBe(12 * S);
  });

  it('an empty or unplayable pod leaves content alone (content plays)', () => {
    const p = planVod({ segments: segs([6, 6]), mediaSequence: 0, discontinuitySequence: 0, breaks: [brk('x', 6, 6)], pods: { x: pod('x', [['nope', 5]]) }, adTimelines: tl });
    expect(shape(p.items)).toEqual(['c0', 'c1']);
    expect(p.plan.breaks).toEqual([]);
  });

  it('skips a break that starts inside a span another break replaces; a post-roll goes last', () => {
    const p = planVod({ segments: segs([6, 6, 6]), mediaSequence: 0, discontinuitySequence: 0,
      breaks: [brk('x', 0, 12), brk('y', 6, null), brk('z', 100, null)], pods: { x: pod('x', [['b', 4]]), y: pod('y', [['b', 4]]), z: pod('z', [['b', 4]]) }, adTimelines: tl });
    expect(shape(p.items)).toEqual(['x', 'c2!', 'z!']);
  });

  it('keeps origin discontinuities and marks ad→ad boundaries', () => {
    const p = planVod({ segments: segs([6, 6, 6], [1]), mediaSequence: 0, discontinuitySequence: 0, breaks: [brk('x', 12, null)], pods: { x: pod('x', [['a', 10], ['b', 4]]) }, adTimelines: tl });
    expect(shape(p.items)).toEqual(['c0', 'c1!', 'x!', 'x', 'x!', 'c2!']);
    expect(p.plan.breaks[0]!.ads.map((a) => [a.podAdId, a.startUs, a.segments.map((s) => [s.mediaSequence, s.offsetUs])])).toEqual([
      ['a', 12 * S, [[2, 0], [3, 5 * S]]], ['b', 22 * S, [[4, 0]]],
    ]);
  });
});

describe('buildFill', () => {
  it('live: drops ads that do not fit (on PodAd duration), then loops and cuts slate to the exact duration', () => {
    const f = buildFill(pod('x', [['a', 10], ['big', 30], ['b', 4]]), { a: { segmentsUs: [5 * S, 5 * S] }, big: { segmentsUs: [30 * S] }, b: { segmentsUs: [4 * S] } },
      { limitUs: 19 * S, slate: { segmentsUs: [2 * S] } });
    expect(f.ads.map((a) => a.ad.id)).toEqual(['a', 'b']);
    expect(f.notes).toHaveLength(1);
    expect(f.pieces.map((p) => p.durationUs / S)).toEqual([5, 5, 4, 2, 2, 1]);
    expect(f.slateUs).toBe(5 * S);
  });
});
