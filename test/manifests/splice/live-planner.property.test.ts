// Properties of live splicing over random timelines, breaks, pods and sliding windows
// (STYLE §8): consistent numbering across refreshes, front-only removal, determinism, breaks
// filled to their planned duration with slate, ABR variants aligned, never ahead of the edge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planLive, type LivePlan, type LiveState, type PlanItem } from '../../../manifests/splice/index.js';
import { simArb, windowAt, type Sim } from './live-sim.js';

function identity(it: PlanItem, segments: readonly { mediaSequence: number }[]): string {
  return it.kind === 'content' ? `c:${segments[it.index]!.mediaSequence}` : `f:${it.breakId}:${it.piece}`;
}

interface Step { readonly plan: LivePlan; readonly ids: string[]; readonly windowUs: number }

function run(sim: Sim, initial: LiveState | null = null): Step[] {
  let state = initial;
  const out: Step[] = [];
  for (const p of sim.starts) {
    const { segments, breaks } = windowAt(sim, p);
    const plan = planLive({ segments, breaks, targetDuration: 7, pods: sim.pods, adTimelines: sim.adTimelines, joinMode: sim.joinMode, ...(sim.slate ? { slate: sim.slate } : {}) }, state);
    state = JSON.parse(JSON.stringify(plan.nextState)) as LiveState; // what a store would give back
    out.push({ plan, ids: plan.items.map((it) => identity(it, segments)), windowUs: segments.reduce((s, x) => s + x.durationUs, 0) });
  }
  return out;
}

const RUNS = { numRuns: 300 };

describe('planLive properties', () => {
  it('numbers each output segment once: same MSN and discontinuity sequence while it stays in the window', () => {
    fc.assert(fc.property(simArb(), (sim) => {
      const seen = new Map<string, { m: number; d: number }>();
      for (const step of run(sim)) {
        step.plan.items.forEach((it, i) => {
          const id = step.ids[i]!;
          const before = seen.get(id);
          if (before) expect({ id, m: it.mediaSequence, d: it.discontinuitySequence }).toEqual({ id, m: before.m, d: before.d });
          seen.set(id, { m: it.mediaSequence, d: it.discontinuitySequence });
        });
      }
    }), RUNS);
  });

  it('within a playlist MSN goes up by one and the discontinuity sequence counts exactly the discontinuities', () => {
    fc.assert(fc.property(simArb(), (sim) => {
      for (const { plan } of run(sim)) {
        const items = plan.items;
        if (items.length === 0) continue;
        expect(items[0]!.mediaSequence).toBe(plan.plan.mediaSequence);
        expect(items[0]!.discontinuitySequence).toBe(plan.plan.discontinuitySequence);
        expect(items[0]!.discontinuity).toBe(false);
        for (let i = 1; i < items.length; i++) {
          expect(items[i]!.mediaSequence).toBe(items[i - 1]!.mediaSequence + 1);
          expect(items[i]!.discontinuitySequence).toBe(items[i - 1]!.discontinuitySequence + (items[i]!.discontinuity ? 1 : 0));
        }
      }
    }), RUNS);
  });

  it('refreshes only drop segments from the front and append at the end; sequences never go back', () => {
    fc.assert(fc.property(simArb(), (sim) => {
      const steps = run(sim);
      for (let r = 1; r < steps.length; r++) {
        const a = steps[r - 1]!;
        const b = steps[r]!;
        expect(b.plan.plan.mediaSequence).toBeGreaterThanOrEqual(a.plan.plan.mediaSequence);
        expect(b.plan.plan.discontinuitySequence).toBeGreaterThanOrEqual(a.plan.plan.discontinuitySequence);
        const kept = new Set(b.ids);
        const firstKept = a.ids.findIndex((id) => kept.has(id));
        if (firstKept < 0) continue;
        // Everything of A from the first kept segment on is still there, in order, at the start of B.
        expect(b.ids.slice(0, a.ids.length - firstKept)).toEqual(a.ids.slice(firstKept));
      }
    }), RUNS);
  });

  it('is deterministic: same window, breaks, pods and state give the same plan and state', () => {
    fc.assert(fc.property(simArb(), (sim) => {
      expect(run(sim)).toEqual(run(sim));
    }), { numRuns: 100 });
  });

  it('with slate, a break fills exactly its planned duration', () => {
    fc.assert(fc.property(simArb(true), (sim) => {
      const durations = new Map(sim.breaks.map((b) => [b.id, b.durationUs]));
      for (const { plan } of run(sim)) {
        for (const b of plan.plan.breaks) {
          expect(b.durationUs).toBe(durations.get(b.breakId));
          expect(b.ads.reduce((s, a) => s + a.durationUs, 0) + b.slateUs).toBe(b.durationUs);
          // A break shown whole (from its first piece, with content after it) adds up to its duration.
          const at = plan.items.flatMap((it, i) => (it.kind === 'fill' && it.breakId === b.breakId ? [i] : []));
          const first = plan.items[at[0]!];
          const after = plan.items[at[at.length - 1]! + 1];
          if (first?.kind === 'fill' && first.piece === 0 && after?.kind === 'content') {
            expect(at.reduce((s, i) => s + plan.items[i]!.durationUs, 0)).toBe(b.durationUs);
          }
        }
      }
    }), RUNS);
  });

  it('never runs ahead of the origin: output time ≤ window time + one filler piece', () => {
    fc.assert(fc.property(simArb(), (sim) => {
      for (const { plan, windowUs } of run(sim)) {
        const outUs = plan.items.reduce((s, it) => s + it.durationUs, 0);
        const maxPiece = Math.max(0, ...plan.items.filter((it) => it.kind === 'fill').map((it) => it.durationUs));
        expect(outUs).toBeLessThanOrEqual(windowUs + maxPiece);
      }
    }), RUNS);
  });

  it('ABR: variants with the same segmentation sharing the session state get the same MSN per position', () => {
    fc.assert(fc.property(simArb(), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (sim, loRequests) => {
      // "hi" refreshes every time; "lo" only sometimes; both read and write one stored state.
      let state: LiveState | null = null;
      const numbering = new Map<string, number>();
      sim.starts.forEach((p, r) => {
        const { segments, breaks } = windowAt(sim, p);
        const input = { segments, breaks, targetDuration: 7, pods: sim.pods, adTimelines: sim.adTimelines, joinMode: sim.joinMode, ...(sim.slate ? { slate: sim.slate } : {}) };
        const hi = planLive(input, state);
        state = hi.nextState;
        for (const it of hi.items) numbering.set(identity(it, segments), it.mediaSequence);
        if (loRequests[r]) {
          const lo = planLive(input, state);
          state = lo.nextState;
          expect(lo.items.map((it) => it.mediaSequence)).toEqual(hi.items.map((it) => it.mediaSequence));
          for (const it of lo.items) expect(it.mediaSequence).toBe(numbering.get(identity(it, segments)));
        }
      });
    }), { numRuns: 200 });
  });

  it('keeps the state small: bounded by a few windows whatever the timeline length', () => {
    fc.assert(fc.property(simArb(), (sim) => {
      let longest = 0; // an empty answer keeps the previous slots, so bound by the longest answer so far
      for (const { plan } of run(sim)) {
        longest = Math.max(longest, plan.items.length);
        expect(plan.nextState.slots.length).toBeLessThanOrEqual(3 * longest);
        expect(plan.nextState.inBreak.length).toBeLessThanOrEqual(2 * sim.windowSize);
      }
    }), RUNS);
  });
});
