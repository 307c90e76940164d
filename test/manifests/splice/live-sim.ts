// A simulated live origin for property tests: a long timeline with breaks, read through a
// sliding window, with the Break values a cue reader would report for each window.
import fc from 'fast-check';
import type { Break, Pod } from '../../../manifests/model/index.js';
import type { PlanSegment, Timeline } from '../../../manifests/splice/index.js';

export interface SimBreak { readonly at: number; readonly durationUs: number; readonly id: string }

export interface Sim {
  readonly durationsUs: readonly number[];
  readonly discontinuities: readonly boolean[];
  readonly breaks: readonly SimBreak[];
  readonly pods: Record<string, Pod>;
  readonly adTimelines: Record<string, Timeline>;
  readonly slate?: Timeline;
  readonly windowSize: number;
  readonly starts: readonly number[];
  readonly joinMode: 'ad' | 'content';
  readonly firstMsn: number;
}

const SEG = fc.constantFrom(2_000_000, 4_000_000, 6_000_000, 6_006_000, 5_500_000);

function splitAd(durationUs: number, pieces: number): number[] {
  const base = Math.floor(durationUs / pieces);
  return Array.from({ length: pieces }, (_, i) => (i === pieces - 1 ? durationUs - base * (pieces - 1) : base));
}

export const simArb = (withSlate: boolean | undefined = undefined): fc.Arbitrary<Sim> =>
  fc.record({
    n: fc.integer({ min: 20, max: 70 }),
    durs: fc.array(SEG, { minLength: 70, maxLength: 70 }),
    discs: fc.array(fc.boolean(), { minLength: 70, maxLength: 70 }),
    gaps: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 8 }), dur: fc.integer({ min: 4, max: 40 }) }), { minLength: 1, maxLength: 5 }),
    ads: fc.array(fc.array(fc.record({ dur: fc.integer({ min: 2, max: 16 }), pieces: fc.integer({ min: 1, max: 4 }) }), { maxLength: 3 }), { minLength: 5, maxLength: 5 }),
    slate: withSlate === undefined ? fc.option(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })) : withSlate ? fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }) : fc.constant(null),
    windowSize: fc.integer({ min: 2, max: 8 }),
    steps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 40 }),
    start: fc.integer({ min: 0, max: 10 }),
    joinMode: fc.constantFrom<'ad' | 'content'>('ad', 'content'),
    firstMsn: fc.integer({ min: 0, max: 100_000 }),
  }).map((r) => {
    const durationsUs = r.durs.slice(0, r.n);
    const discontinuities = r.discs.slice(0, r.n).map((d, i) => d && i % 7 === 3); // rare origin discontinuities
    const breaks: SimBreak[] = [];
    let at = 0;
    for (const g of r.gaps) {
      at += g.gap;
      if (at >= r.n) break;
      breaks.push({ at, durationUs: g.dur * 1_000_000, id: `b${at}` });
      // Skip past the break's content so breaks do not overlap.
      let t = 0;
      while (at < r.n && t < g.dur * 1_000_000) t += durationsUs[at++] as number;
    }
    const pods: Record<string, Pod> = {};
    const adTimelines: Record<string, Timeline> = {};
    breaks.forEach((b, bi) => {
      const list = r.ads[bi] ?? [];
      const ads = list.map((a, i) => ({ id: `${b.id}-ad${i}`, sequence: i + 1, adId: `A${i}`, creativeId: `C${i}`, durationUs: a.dur * 1_000_000, hlsUrl: '', tracking: {} }));
      list.forEach((a, i) => { adTimelines[`${b.id}-ad${i}`] = { segmentsUs: splitAd(a.dur * 1_000_000, a.pieces) }; });
      pods[b.id] = { breakId: b.id, source: 'sim', ads, filledUs: ads.reduce((s, a) => s + a.durationUs, 0), notes: [] };
    });
    const starts: number[] = [];
    let p = Math.min(r.start, Math.max(0, r.n - r.windowSize));
    for (const s of r.steps) {
      starts.push(p);
      p = Math.min(p + s, r.n - r.windowSize);
    }
    return {
      durationsUs, discontinuities, breaks, pods, adTimelines, windowSize: r.windowSize, starts, joinMode: r.joinMode, firstMsn: r.firstMsn,
      ...(r.slate === null ? {} : { slate: { segmentsUs: r.slate.map((s) => s * 1_000_000) } }),
    };
  });

/** The origin window starting at timeline index `p`, and the breaks a cue reader reports for it. */
export function windowAt(sim: Sim, p: number): { segments: PlanSegment[]; breaks: Break[] } {
  const abs: number[] = [];
  let t = 0;
  for (const d of sim.durationsUs) { abs.push(t); t += d; }
  let disc = 0;
  const discSeq: number[] = sim.discontinuities.map((d) => (d ? ++disc : disc));
  const end = Math.min(sim.durationsUs.length, p + sim.windowSize);
  const w0 = abs[p] as number;
  const segments: PlanSegment[] = [];
  for (let i = p; i < end; i++) {
    segments.push({
      mediaSequence: sim.firstMsn + i, discontinuitySequence: discSeq[i] as number, startUs: (abs[i] as number) - w0,
      durationUs: sim.durationsUs[i] as number, discontinuity: sim.discontinuities[i] as boolean,
    });
  }
  const breaks: Break[] = [];
  for (const b of sim.breaks) {
    const bs = abs[b.at] as number;
    const inWindow = b.at >= p && b.at < end;
    const joined = b.at < p && w0 < bs + b.durationUs;
    if (!inWindow && !joined) continue;
    breaks.push({ id: b.id, startUs: bs - w0, durationUs: b.durationUs, mediaSequence: sim.firstMsn + b.at, dialect: 'cue-out', joinedMidBreak: joined });
  }
  return { segments, breaks };
}
