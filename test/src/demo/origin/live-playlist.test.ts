import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBreaks } from '../../../../manifests/cues/index.js';
import { parseHls, toCueInput, type HlsMediaPlaylist } from '../../../../manifests/hls/index.js';
import { decodeScte35, type SpliceInsert } from '../../../../manifests/scte35/index.js';
import { buildLiveMediaPlaylist } from '../../../../src/demo/origin/live-playlist.js';
import { defaultLiveSchedule, liveBreak } from '../../../../src/demo/origin/live-schedule.js';
import { contentRendition } from './catalog-fixture.js';

const rendition = contentRendition();
const schedule = defaultLiveSchedule(60, 2);
// A minute boundary, which is also a loop boundary: 2026-01-01T00:00:00Z is segment SEQ0.
const T0 = Date.UTC(2026, 0, 1);
const SEQ0 = T0 / 2000;
const K0 = (SEQ0 + 10 - 10) / 30; // index of the break 20 s after T0

function live(nowMs: number): string {
  return buildLiveMediaPlaylist({ rendition, schedule, nowMs, windowSegments: 6 });
}

function parsed(nowMs: number): HlsMediaPlaylist {
  const r = parseHls(live(nowMs));
  if (!r.ok || r.value.kind !== 'media') throw new Error(`not a media playlist at ${nowMs}`);
  return r.value;
}

describe('simulated live window', () => {
  it('holds the last 6 complete segments, numbered by wall time / 2 s, each with its program date time', () => {
    const p = parsed(T0 + 57_000); // segment SEQ0+28 is still being "produced"
    expect(p.mediaSequence).toBe(SEQ0 + 22);
    expect(p.targetDuration).toBe(2);
    expect(p.endList).toBe(false);
    expect(p.segments.map((s) => s.uri)).toEqual(['360p/seg-022.ts', '360p/seg-023.ts', '360p/seg-024.ts', '360p/seg-025.ts', '360p/seg-026.ts', '360p/seg-027.ts']);
    expect(p.segments.map((s) => s.programDateTime)).toEqual([44, 46, 48, 50, 52, 54].map((s) => new Date(T0 + s * 1000).toISOString()));
    expect(p.segments.every((s) => s.programDateTimeExplicit)).toBe(true);
  });

  it('slides one segment per 2 s of the injected clock', () => {
    const a = parsed(T0 + 56_000);
    const b = parsed(T0 + 57_999);
    const c = parsed(T0 + 58_000);
    expect(b.mediaSequence).toBe(a.mediaSequence);
    expect(c.mediaSequence).toBe(a.mediaSequence + 1);
    expect(c.segments.slice(0, 5).map((s) => s.uri)).toEqual(a.segments.slice(1).map((s) => s.uri));
  });

  it('marks the loop point with a discontinuity and counts it in the discontinuity sequence once it scrolls off', () => {
    const across = parsed(T0 + 124_000); // segments SEQ0+56 … SEQ0+61, loop at SEQ0+60
    expect(across.discontinuitySequence).toBe(SEQ0 / 60);
    expect(across.segments.map((s) => s.discontinuity)).toEqual([false, false, false, false, true, false]);
    expect(across.segments[4]?.uri).toBe('360p/seg-000.ts');
    expect(across.segments[4]?.discontinuitySequence).toBe(SEQ0 / 60 + 1);
    const after = parsed(T0 + 132_000); // first segment is the loop point itself
    expect(after.mediaSequence).toBe(SEQ0 + 60);
    expect(after.discontinuitySequence).toBe(SEQ0 / 60 + 1);
    expect(after.segments.some((s) => s.discontinuity)).toBe(false);
  });

  it('keeps every segment\'s URI, discontinuity number and date on every refresh (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_600_000 }), fc.integer({ min: 0, max: 14_000 }), (offset, step) => {
        const a = parsed(T0 + offset);
        const b = parsed(T0 + offset + step);
        expect(b.mediaSequence).toBeGreaterThanOrEqual(a.mediaSequence);
        expect(b.discontinuitySequence).toBeGreaterThanOrEqual(a.discontinuitySequence);
        const bySeq = new Map(b.segments.map((s) => [s.mediaSequence, s]));
        for (const s of a.segments) {
          const t = bySeq.get(s.mediaSequence);
          if (t === undefined) continue;
          expect([t.uri, t.discontinuitySequence, t.programDateTime]).toEqual([s.uri, s.discontinuitySequence, s.programDateTime]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('live cues', () => {
  it('signals the even breaks with CUE-OUT / CUE-OUT-CONT / CUE-IN, 30 s long', () => {
    const text = live(T0 + 32_000); // window SEQ0+10 … SEQ0+15: the break starts on the first segment
    expect(text).toContain('#EXT-X-CUE-OUT:30\n');
    expect(text).toContain('#EXT-X-CUE-OUT-CONT:ElapsedTime=2,Duration=30\n');
    const { breaks, errors } = readBreaks(toCueInput(parsed(T0 + 32_000)));
    expect(errors).toEqual([]);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatchObject({ dialect: 'cue-out', durationUs: 30_000_000, mediaSequence: SEQ0 + 10, joinedMidBreak: false });
    const end = live(T0 + 64_000); // window SEQ0+26 … SEQ0+31: the break ended (cue-in) at SEQ0+25
    expect(end).not.toContain('CUE-OUT');
    const withIn = live(T0 + 58_000); // window SEQ0+23 … SEQ0+28, cue-in before SEQ0+25
    expect(withIn).toMatch(/CUE-OUT-CONT:ElapsedTime=26,Duration=30\n#EXTINF:2.000,\n360p\/seg-023\.ts[\s\S]*#EXT-X-CUE-IN\n#EXTINF:2.000,\n360p\/seg-025\.ts/);
  });

  it('keeps the CUE-OUT break\'s id when a later window joins it mid-way', () => {
    const ids = [32_000, 34_000, 40_000, 50_000].map((ms) => readBreaks(toCueInput(parsed(T0 + ms))).breaks.map((b) => b.id));
    expect(new Set(ids.flat())).toEqual(new Set([`seq-${SEQ0 + 10}`]));
    const mid = readBreaks(toCueInput(parsed(T0 + 40_000))).breaks[0];
    expect(mid).toMatchObject({ joinedMidBreak: true, durationUs: 30_000_000, mediaSequence: SEQ0 + 10 });
  });

  it('signals the odd breaks with DATERANGE SCTE35-OUT / SCTE35-IN carrying a real splice_insert', () => {
    const b = liveBreak(schedule, K0 + 1);
    expect(b).toMatchObject({ dialect: 'daterange', startSeq: SEQ0 + 40, endSeq: SEQ0 + 50, durationSec: 20 });
    const text = live(T0 + 92_000); // window SEQ0+40 … SEQ0+45
    const out = /#EXT-X-DATERANGE:ID="([^"]+)",START-DATE="([^"]+)",PLANNED-DURATION=20\.000,SCTE35-OUT=(0x[0-9A-F]+)\n#EXTINF:2.000,\n360p\/seg-040\.ts/.exec(text);
    expect(out).not.toBeNull();
    expect(out![1]).toBe(`demo-break-${K0 + 1}`);
    expect(out![2]).toBe(new Date(T0 + 80_000).toISOString());
    const decoded = decodeScte35(out![3]!);
    expect(decoded.ok).toBe(true);
    const cmd = (decoded as { value: { spliceCommand: SpliceInsert } }).value.spliceCommand;
    expect(cmd).toMatchObject({ type: 'splice_insert', spliceEventId: K0 + 1, outOfNetworkIndicator: true, breakDuration: { autoReturn: true, duration: 20 * 90_000 } });
    expect(cmd.spliceTime?.ptsTime).toBe(((T0 + 80_000) * 90) % 2 ** 33);

    const closing = live(T0 + 104_000); // window SEQ0+46 … SEQ0+51: OUT restated on top, IN before SEQ0+50
    const inTag = /#EXT-X-DATERANGE:ID="demo-break-\d+",START-DATE="[^"]+",DURATION=20\.000,SCTE35-IN=(0x[0-9A-F]+)\n#EXTINF:2.000,\n360p\/seg-050\.ts/.exec(closing);
    expect(inTag).not.toBeNull();
    const inCmd = decodeScte35(inTag![1]!);
    expect(inCmd.ok && inCmd.value.spliceCommand).toMatchObject({ spliceEventId: K0 + 1, outOfNetworkIndicator: false });
  });

  it('reads the DATERANGE break with the same id and duration on every refresh', () => {
    const seen = [92_000, 96_000, 100_000, 104_000].map((ms) => {
      const { breaks, errors } = readBreaks(toCueInput(parsed(T0 + ms)));
      expect(errors).toEqual([]);
      return breaks.map((b) => ({ id: b.id, dialect: b.dialect, durationUs: b.durationUs, pdt: b.programDateTime }));
    });
    for (const breaks of seen) {
      expect(breaks).toEqual([{ id: `demo-break-${K0 + 1}`, dialect: 'daterange', durationUs: 20_000_000, pdt: new Date(T0 + 80_000).toISOString() }]);
    }
  });

  it('alternates dialects and lengths, one break a minute, for a whole day', () => {
    for (let k = K0; k < K0 + 24 * 60; k++) {
      const b = liveBreak(schedule, k);
      expect(b.startSeq * 2000 - (T0 + (k - K0) * 60_000)).toBe(20_000);
      expect([b.dialect, b.durationSec]).toEqual(k % 2 === 0 ? ['cue-out', 30] : ['daterange', 20]);
      expect(b.eventId).toBe(k);
    }
  });
});
