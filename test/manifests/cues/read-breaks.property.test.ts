// Property: whatever tag soup a playlist carries, readBreaks returns values and never throws;
// every break is well-formed and every error is a catalogue code with a line number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cueReaders, readBreaks } from '../../../manifests/cues/index.js';
import { MANIFEST_ERROR_CODES } from '../../../manifests/errors.js';
import type { CueInput, TagLine } from '../../../manifests/model/tagged-segment.js';

const NAMES = ['EXT-X-CUE-OUT', 'EXT-X-CUE-OUT-CONT', 'EXT-X-CUE-IN', 'EXT-X-DATERANGE', 'EXT-OATCLS-SCTE35', 'EXT-X-SCTE35', 'EXT-SCTE35', 'EXT-X-SPLICEPOINT-SCTE35', 'EXT-X-DISCONTINUITY'];
const MESSAGES = [
  '/DAvAAAAAAAA///wFAUAABABf+/+AA27oP4AKTLgAAAAAAAKAAhDVUVJAAABNV+tSyg=',
  '/DAqAAAAAAAA///wDwUAABABf0/+ADbugAAAAAAACgAIQ1VFSQAAATU4j2aF',
  '/DA0AAAAAAAA///wBQb+AA27oAAeAhxDVUVJAAAgAn/PAAApMuAICAAAAAAsoKGKNAIAJ8jmJw==',
  '0xFC302F000000000000FFFFF01405000010017FEFFE000DBBA0FE002932E000000000000A000843554549000001355FAD4B28',
  '/DAvAAAAAAAA///wFAUAABAC',
  '0xFC30',
  '...',
];
const fragment = fc.oneof(
  fc.constantFrom(...MESSAGES),
  fc.constantFrom('30', '0', '-1', '1e9', 'NaN', '6.006/20.020', '/', '12/', 'YES', 'NO', 'CONT', '"', '”', '2026-03-01T12:00:00Z', '1970-13-45T99:99:99Z', ''),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: false }).map(String),
);
const attr = fc.tuple(
  fc.constantFrom('DURATION', 'ElapsedTime', 'Duration', 'SCTE35', 'ID', 'START-DATE', 'END-DATE', 'PLANNED-DURATION', 'SCTE35-OUT', 'SCTE35-IN', 'SCTE35-CMD', 'CUE', 'CUE-OUT', 'CUE-IN', 'ELAPSED', 'X'),
  fragment,
  fc.boolean(),
).map(([n, v, q]) => (q ? `${n}="${v}"` : `${n}=${v}`));
const value = fc.oneof(fragment, fc.array(attr, { maxLength: 5 }).map((a) => a.join(',')), fc.array(attr, { maxLength: 4 }).map((a) => a.join(', ')));
const tag = fc.record({ name: fc.constantFrom(...NAMES), value, line: fc.nat({ max: 5000 }) });
const pdt = fc.option(fc.constantFrom('2026-03-01T12:00:00Z', '2026-03-01T11:59:30.5+01:00', 'garbage', '2026-03-01T12:00:06.000000Z'), { nil: undefined });

const cueInput: fc.Arbitrary<CueInput> = fc
  .tuple(
    fc.array(fc.tuple(fc.array(tag, { maxLength: 4 }), fc.integer({ min: 0, max: 12_000_000 }), pdt), { maxLength: 25 }),
    fc.array(tag, { maxLength: 3 }),
    fc.integer({ min: 0, max: 2 ** 31 }),
  )
  .map(([segs, trailing, firstSeq]) => {
    let startUs = 0;
    const segments = segs.map(([tags, durationUs, programDateTime], i) => {
      const s = { mediaSequence: firstSeq + i, startUs, durationUs, ...(programDateTime === undefined ? {} : { programDateTime }), tags: tags as TagLine[] };
      startUs += durationUs;
      return s;
    });
    return { segments, trailingTags: trailing, endUs: startUs };
  });

describe('readBreaks on random tag soups', () => {
  it('never throws, and returns well-formed breaks and catalogue errors', () => {
    fc.assert(
      fc.property(cueInput, (input) => {
        const result = readBreaks(input);
        for (const b of result.breaks) {
          expect(typeof b.id).toBe('string');
          expect(b.id.length).toBeGreaterThan(0);
          expect(Number.isFinite(b.startUs)).toBe(true);
          expect(Number.isInteger(b.mediaSequence)).toBe(true);
          if (b.durationUs !== null) expect(b.durationUs).toBeGreaterThanOrEqual(0);
          if (b.endUs !== undefined) expect(Number.isFinite(b.endUs)).toBe(true);
        }
        for (let i = 1; i < result.breaks.length; i++) expect(result.breaks[i]!.startUs).toBeGreaterThanOrEqual(result.breaks[i - 1]!.startUs);
        for (const e of result.errors) {
          expect(Object.keys(MANIFEST_ERROR_CODES)).toContain(e.code);
          expect(typeof e.context?.line).toBe('number');
        }
        expect(readBreaks(input)).toEqual(result);
      }),
      { numRuns: 400 },
    );
  });

  it('every reader alone never throws either', () => {
    fc.assert(
      fc.property(cueInput, (input) => {
        for (const r of cueReaders) {
          r.probe(input);
          expect(() => r.read(input)).not.toThrow();
        }
      }),
      { numRuns: 200 },
    );
  });
});
