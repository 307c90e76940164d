import { describe, expect, it } from 'vitest';
import { mergeBreaks } from '../../../manifests/cues/merge-breaks.js';
import type { Break } from '../../../manifests/model/break.js';

const b = (over: Partial<Break>): Break => ({ id: 'seq-1', startUs: 0, durationUs: null, mediaSequence: 1, dialect: 'cue-out', joinedMidBreak: false, ...over });

describe('mergeBreaks', () => {
  it('keeps the earlier dialect and fills what it lacks from the later one', () => {
    const daterange = b({ id: 'dr', dialect: 'daterange', durationUs: null });
    const cueOut = b({ durationUs: 30_000_000, endUs: 30_000_000 });
    expect(mergeBreaks([[daterange], [cueOut]])).toEqual([{ ...daterange, durationUs: 30_000_000, endUs: 30_000_000 }]);
  });

  it('a positional id yields to an event id; the scte35 is carried over', () => {
    const scte35 = { base64: '/DA=', spliceEventId: 7 };
    const merged = mergeBreaks([[b({ dialect: 'splicepoint' })], [b({ id: 'scte35-7', scte35 })]]);
    expect(merged).toEqual([b({ id: 'scte35-7', dialect: 'splicepoint', scte35 })]);
  });

  it('matches by SCTE-35 event first: different events on one segment stay apart', () => {
    const one = b({ scte35: { base64: 'a', spliceEventId: 1 }, id: 'scte35-1', dialect: 'oatcls' });
    const two = b({ scte35: { base64: 'b', spliceEventId: 2 }, id: 'scte35-2' });
    expect(mergeBreaks([[one], [two]]).map((x) => x.id)).toEqual(['scte35-1', 'scte35-2']);
  });

  it('never merges two breaks of the same dialect, and sorts by start', () => {
    const out = mergeBreaks([[b({ id: 'seq-9', startUs: 9, mediaSequence: 9 }), b({ id: 'seq-9b', startUs: 9, mediaSequence: 9 }), b({ id: 'seq-1' })]]);
    expect(out.map((x) => x.id)).toEqual(['seq-1', 'seq-9', 'seq-9b']);
  });

  it('takes the earlier start when the same event was seen starting earlier', () => {
    const scte35 = { base64: 'a', spliceEventId: 5 };
    const late = b({ id: 'scte35-5', dialect: 'oatcls', scte35, startUs: 12_000_000, mediaSequence: 4 });
    const joined = b({ id: 'scte35-5', scte35, startUs: -6_000_000, mediaSequence: 1, joinedMidBreak: true, endUs: 12_000_000 });
    expect(mergeBreaks([[late], [joined]])).toEqual([{ ...late, startUs: -6_000_000, mediaSequence: 1, joinedMidBreak: true, endUs: 12_000_000 }]);
  });
});
