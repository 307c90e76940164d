import { describe, expect, it } from 'vitest';
import { numberSlots, planLive, readLiveState } from '../../../manifests/splice/index.js';

describe('readLiveState', () => {
  it('accepts nothing (first request) and what planLive wrote, after a JSON round trip', () => {
    expect(readLiveState(undefined)).toEqual({ ok: true, value: null });
    const plan = planLive({ segments: [{ mediaSequence: 5, discontinuitySequence: 0, startUs: 0, durationUs: 6e6, discontinuity: false }], targetDuration: 6, breaks: [], pods: {}, adTimelines: {}, joinMode: 'ad' }, null);
    const back = readLiveState(JSON.parse(JSON.stringify(plan.nextState)));
    expect(back).toEqual({ ok: true, value: plan.nextState });
  });

  it('reports SPLICE_STATE_INVALID for anything else', () => {
    for (const bad of [42, 'x', { version: 2 }, { version: 1, slots: [{ k: 1 }] }]) {
      const r = readLiveState(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('SPLICE_STATE_INVALID');
    }
  });
});

describe('numberSlots', () => {
  it('continues from the first known key and counts discontinuities', () => {
    const prev = [{ k: 'c:1', m: 50, d: 2 }, { k: 'c:2', m: 51, d: 2 }];
    const out = numberSlots([{ key: 'c:2', boundary: false }, { key: 'f:x:0', boundary: true }, { key: 'c:3', boundary: true }], prev, { msn: 0, disc: 0 });
    expect(out.map((s) => [s.m, s.d])).toEqual([[51, 2], [52, 3], [53, 4]]);
  });

  it('never goes back when nothing is shared', () => {
    const prev = [{ k: 'f:x:9', m: 80, d: 7 }];
    const out = numberSlots([{ key: 'c:3', boundary: false }], prev, { msn: 10, disc: 0 });
    expect(out[0]).toEqual({ k: 'c:3', m: 81, d: 8 });
  });
});
