import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AD_PROGRESS_EVENTS, eventsForSegment, eventsInSpan, isContiguousFromStart, segmentationFromDurations, triggerPoints,
} from '../../../../src/beacons/firing/trigger-points.js';

const S = 1_000_000;
const names = (xs: readonly { event: string }[]): string[] => xs.map((x) => x.event);

describe('triggerPoints / eventsForSegment', () => {
  it('8 s ad in 4 × 2 s: start on 0, firstQuartile on 1 (boundary), midpoint on 2, thirdQuartile and complete on 3', () => {
    const ad = segmentationFromDurations([2 * S, 2 * S, 2 * S, 2 * S]);
    expect(triggerPoints(ad).map((p) => [p.event, p.segment, p.adOffsetUs])).toEqual([
      ['impression', 0, 0], ['creativeView', 0, 0], ['start', 0, 0],
      ['firstQuartile', 1, 2 * S], ['midpoint', 2, 4 * S], ['thirdQuartile', 3, 6 * S], ['complete', 3, 8 * S],
    ]);
    expect(names(eventsForSegment(ad, 1))).toEqual(['firstQuartile']);
    expect(names(eventsForSegment(ad, 3))).toEqual(['thirdQuartile', 'complete']);
  });

  it('a single 3 s segment fires all seven events in order', () => {
    const ad = segmentationFromDurations([3 * S]);
    expect(eventsForSegment(ad, 0)).toEqual([
      { event: 'impression', adOffsetUs: 0 }, { event: 'creativeView', adOffsetUs: 0 }, { event: 'start', adOffsetUs: 0 },
      { event: 'firstQuartile', adOffsetUs: 750_000 }, { event: 'midpoint', adOffsetUs: 1_500_000 },
      { event: 'thirdQuartile', adOffsetUs: 2_250_000 }, { event: 'complete', adOffsetUs: 3 * S },
    ]);
  });

  it('uneven 4/1/3/2 s: the 1 s segment fires nothing, the midpoint on a boundary goes to the segment starting there', () => {
    const ad = segmentationFromDurations([4 * S, 1 * S, 3 * S, 2 * S]);
    expect([0, 1, 2, 3].map((k) => names(eventsForSegment(ad, k)))).toEqual([
      ['impression', 'creativeView', 'start', 'firstQuartile'], [], ['midpoint', 'thirdQuartile'], ['complete'],
    ]);
  });

  it('rounds quartiles down to the microsecond (10.01 s ad)', () => {
    const ad = segmentationFromDurations([10_010_001]);
    expect(triggerPoints(ad).filter((p) => p.event === 'thirdQuartile')[0]?.adOffsetUs).toBe(7_507_500);
  });

  it('an index outside the list, or a zero-length span, triggers nothing', () => {
    const ad = segmentationFromDurations([2 * S]);
    expect(eventsForSegment(ad, 1)).toEqual([]);
    expect(eventsForSegment(ad, -1)).toEqual([]);
    expect(eventsInSpan(2 * S, { offsetUs: 0, durationUs: 0 })).toEqual([]);
  });

  it('a list that stops short of the end (live, tail not released) has no complete and no late quartiles', () => {
    const ad = { durationUs: 8 * S, segments: [{ offsetUs: 0, durationUs: 2 * S }, { offsetUs: 2 * S, durationUs: 2 * S }] };
    expect(names(triggerPoints(ad))).toEqual(['impression', 'creativeView', 'start', 'firstQuartile']);
  });

  it('a span seen alone (middle of a live window) is judged by its own offset', () => {
    expect(names(eventsInSpan(8 * S, { offsetUs: 6 * S, durationUs: 2 * S }))).toEqual(['thirdQuartile', 'complete']);
  });

  it('isContiguousFromStart', () => {
    expect(isContiguousFromStart(segmentationFromDurations([S, S]).segments)).toBe(true);
    expect(isContiguousFromStart([])).toBe(false);
    expect(isContiguousFromStart([{ offsetUs: S, durationUs: S }])).toBe(false);
    expect(isContiguousFromStart([{ offsetUs: 0, durationUs: S }, { offsetUs: 2 * S, durationUs: S }])).toBe(false);
  });

  it('property: every event has exactly one trigger segment, in non-decreasing segment order, and the union is all events', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 12 * S }), { minLength: 1, maxLength: 40 }), (durations) => {
      const ad = segmentationFromDurations(durations);
      const perSegment = ad.segments.map((_, k) => names(eventsForSegment(ad, k)));
      const all = perSegment.flat();
      // exactly once each, and the union is the 7 events
      expect([...all].sort()).toEqual([...AD_PROGRESS_EVENTS].sort());
      // firing order across segments (and within each) is the VAST order
      expect(all).toEqual([...AD_PROGRESS_EVENTS]);
      const points = triggerPoints(ad);
      for (let i = 1; i < points.length; i++) expect(points[i]!.segment).toBeGreaterThanOrEqual(points[i - 1]!.segment);
      expect(points[0]!.segment).toBe(0);
      expect(points[points.length - 1]!.segment).toBe(durations.length - 1);
      // each point's time lies in its segment (complete: at its end)
      for (const p of points) {
        const s = ad.segments[p.segment]!;
        expect(p.adOffsetUs).toBeGreaterThanOrEqual(s.offsetUs);
        expect(p.adOffsetUs).toBeLessThanOrEqual(s.offsetUs + s.durationUs);
      }
    }), { numRuns: 500 });
  });
});
