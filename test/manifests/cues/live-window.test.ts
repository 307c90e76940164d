// Break identity across live refreshes: one long live stream, read through a sliding window of
// 8 segments. Every window that shows any sign of a break must name it the same way and place
// it at the same absolute time, whether the window holds the cue-out or joined mid-break.
import { describe, expect, it } from 'vitest';
import { readBreaks } from '../../../manifests/cues/index.js';
import { parseHls, toCueInput } from '../../../manifests/hls/index.js';
import type { Break } from '../../../manifests/model/break.js';

const FIRST = 1000;
const LAST = 1099;
const SEG_US = 6_000_000;
const WINDOW = 8;
const PDT0 = Date.parse('2026-01-01T10:00:00.000Z');
const OUT1 = '/DAvAAAAAAAA///wFAUAABABf+/+AA27oP4AKTLgAAAAAAAKAAhDVUVJAAABNV+tSyg=';
const OUT2 = '/DAvAAAAAAAA///wFAUAABACf+/+AIlUQP4AG3dAAAAAAAAKAAhDVUVJAAABNaLys4I=';
const IN2 = '/DAqAAAAAAAA///wDwUAABACf0/+AKTLgAAAAAAACgAIQ1VFSQAAATWBYLOF';
const OUT1_HEX = '0xFC302F000000000000FFFFF01405000010017FEFFE000DBBA0FE002932E000000000000A000843554549000001355FAD4B28';
const PO_START = '/DA0AAAAAAAA///wBQb+AA27oAAeAhxDVUVJAAAgAn/PAAApMuAICAAAAAAsoKGKNAIAJ8jmJw==';
const PO_END = '/DAvAAAAAAAA///wBQb+ADbugAAZAhdDVUVJAAAgAn+fCAgAAAAALKChijUCAPjc6J0=';

const pdtOf = (seq: number): string => new Date(PDT0 + (seq - FIRST) * 6000).toISOString();
const DR_OUT = `#EXT-X-DATERANGE:ID="dr-1",START-DATE="${pdtOf(1050)}",PLANNED-DURATION=24,SCTE35-OUT=${OUT1_HEX}`;

/** Tags the origin writes before each segment of the whole stream. */
function tagsFor(seq: number): string[] {
  const t: string[] = [];
  // A: bare dialect, 30 s, CONT lines, CUE-IN at 1015.
  if (seq === 1010) t.push('#EXT-X-CUE-OUT:30');
  if (seq > 1010 && seq < 1015) t.push(`#EXT-X-CUE-OUT-CONT:ElapsedTime=${(seq - 1010) * 6},Duration=30`);
  if (seq === 1015) t.push('#EXT-X-CUE-IN');
  // B: OATCLS + CUE-OUT, CONT with SCTE35=, OATCLS repeated before the CUE-IN.
  if (seq === 1030) t.push(`#EXT-OATCLS-SCTE35:${OUT1}`, '#EXT-X-CUE-OUT:30');
  if (seq > 1030 && seq < 1035) t.push(`#EXT-X-CUE-OUT-CONT:ElapsedTime=${(seq - 1030) * 6}.000,Duration=30,SCTE35=${OUT1}`);
  if (seq === 1035) t.push(`#EXT-OATCLS-SCTE35:${OUT1}`, '#EXT-X-CUE-IN');
  // C: DATERANGE announced one segment ahead; the IN with the same ID at 1054.
  if (seq === 1049) t.push(DR_OUT);
  if (seq === 1054) t.push(`#EXT-X-DATERANGE:ID="dr-1",START-DATE="${pdtOf(1050)}",SCTE35-IN=${OUT1_HEX.replace('7FEFFE', '7F4FFE')}`);
  // D: EXT-X-SCTE35 CUE-OUT=YES / CONT with ELAPSED / CUE-IN=YES.
  if (seq === 1070) t.push(`#EXT-X-SCTE35:CUE="${OUT2}",CUE-OUT=YES,DURATION=20,ID="d-1"`);
  if (seq > 1070 && seq < 1074) t.push(`#EXT-X-SCTE35:CUE="${OUT2}",CUE-OUT=CONT,ELAPSED=${(seq - 1070) * 6},DURATION=20,ID="d-1"`);
  if (seq === 1074) t.push(`#EXT-X-SCTE35:CUE="${IN2}",CUE-IN=YES,ID="d-1"`);
  // E: SPLICEPOINT placement opportunity start / end.
  if (seq === 1085) t.push(`#EXT-X-SPLICEPOINT-SCTE35:${PO_START}`);
  if (seq === 1089) t.push(`#EXT-X-SPLICEPOINT-SCTE35:${PO_END}`);
  return t;
}

function windowText(first: number): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-TARGETDURATION:6', `#EXT-X-MEDIA-SEQUENCE:${first}`];
  // The origin keeps a DATERANGE in the playlist while its range is: re-stated at the top.
  if (first > 1049 && first < 1054) lines.push(DR_OUT);
  for (let seq = first; seq < first + WINDOW; seq++) {
    if (seq === first) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${pdtOf(seq)}`);
    lines.push(...tagsFor(seq), '#EXTINF:6.000,', `seg${seq}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

function read(first: number): Break[] {
  const parsed = parseHls(windowText(first));
  if (!parsed.ok || parsed.value.kind !== 'media') throw new Error('window is not a media playlist');
  return readBreaks(toCueInput(parsed.value)).breaks;
}

/** Which breaks a window starting at `first` shows some sign of (cue-out, CONT, re-stated DATERANGE). */
function visible(first: number): string[] {
  const last = first + WINDOW - 1;
  const ids: string[] = [];
  if (first <= 1014 && last >= 1010) ids.push('seq-1010');
  if (first <= 1034 && last >= 1030) ids.push('scte35-4097');
  if (first <= 1053 && last >= 1049) ids.push('dr-1');
  if (first <= 1073 && last >= 1070) ids.push('scte35-4098');
  if (first <= 1085 && last >= 1085) ids.push('scte35-8194');
  return ids;
}

interface Seen {
  absStartUs: number;
  mediaSequence: number;
  durationUs: number | null;
  pdtMs?: number;
  absEndUs?: number;
}

describe('break identity across a sliding live window', () => {
  it('keeps ids, media sequence and absolute timing in every window', () => {
    const byId = new Map<string, Seen[]>();
    let joinedSeen = 0;
    for (let first = FIRST; first + WINDOW - 1 <= LAST; first++) {
      const breaks = read(first);
      expect(breaks.map((b) => b.id), `window at ${first}`).toEqual(visible(first));
      const offsetUs = (first - FIRST) * SEG_US;
      for (const b of breaks) {
        if (b.joinedMidBreak) joinedSeen++;
        expect(b.joinedMidBreak, `${b.id} in window ${first}`).toBe(b.startUs < 0);
        const seen: Seen = {
          absStartUs: offsetUs + b.startUs,
          mediaSequence: b.mediaSequence,
          durationUs: b.durationUs,
          ...(b.programDateTime === undefined ? {} : { pdtMs: Date.parse(b.programDateTime) }),
        };
        if (b.endUs !== undefined) seen.absEndUs = offsetUs + b.endUs;
        byId.set(b.id, [...(byId.get(b.id) ?? []), seen]);
      }
    }
    expect(joinedSeen).toBeGreaterThan(8);
    const expected: Record<string, { seq: number; durationUs: number }> = {
      'seq-1010': { seq: 1010, durationUs: 30_000_000 },
      'scte35-4097': { seq: 1030, durationUs: 30_000_000 },
      'dr-1': { seq: 1050, durationUs: 24_000_000 },
      'scte35-4098': { seq: 1070, durationUs: 20_000_000 },
      'scte35-8194': { seq: 1085, durationUs: 30_000_000 },
    };
    for (const [id, want] of Object.entries(expected)) {
      const all = byId.get(id) ?? [];
      expect(all.length, id).toBeGreaterThan(0);
      for (const s of all) {
        expect(s, id).toMatchObject({ absStartUs: (want.seq - FIRST) * SEG_US, mediaSequence: want.seq, durationUs: want.durationUs });
        if (s.pdtMs !== undefined) expect(s.pdtMs, id).toBe(Date.parse(pdtOf(want.seq)));
      }
      const ends = new Set(all.flatMap((s) => (s.absEndUs === undefined ? [] : [s.absEndUs])));
      expect(ends.size, `${id} has one end`).toBeLessThanOrEqual(1);
    }
  });
});
