import { describe, expect, it } from 'vitest';
import { epochUsToIso, isoToEpochUs, positionAt, startAtDate, startBefore } from '../../../manifests/cues/cue-timeline.js';
import { cueInputFromText } from '../../support/cue-input-builder.js';

const live = cueInputFromText(
  '#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:100\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z\n' +
    Array.from({ length: 4 }, (_, i) => `#EXTINF:6.006,\ns${i}.ts\n`).join(''),
);

describe('program date time arithmetic', () => {
  it('keeps microseconds and time zones', () => {
    expect(isoToEpochUs('2026-01-01T00:00:00.123456Z')).toBe(Date.parse('2026-01-01T00:00:00.123Z') * 1000 + 456);
    expect(isoToEpochUs('2026-01-01T01:00:00+01:00')).toBe(isoToEpochUs('2026-01-01T00:00:00Z'));
    expect(isoToEpochUs('2026-01-01T01:00:00+0100')).toBe(isoToEpochUs('2026-01-01T00:00:00Z'));
    expect(isoToEpochUs('yesterday')).toBeUndefined();
    expect(epochUsToIso(isoToEpochUs('2026-01-01T00:00:00.123456Z')!)).toBe('2026-01-01T00:00:00.123456Z');
    expect(epochUsToIso(isoToEpochUs('2026-01-01T00:00:00Z')!)).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('positions', () => {
  it('puts trailing tags at the end, on the next media sequence', () => {
    expect(positionAt(live, 4)).toEqual({ segmentIndex: 4, startUs: 24_024_000, mediaSequence: 104, programDateTime: '2026-01-01T00:00:24.024Z' });
  });
});

describe('startBefore (back-dating a joined break)', () => {
  it('walks back over whole segments inside and before the window', () => {
    expect(startBefore(live, positionAt(live, 2), 12_012_000)).toMatchObject({ startUs: 0, mediaSequence: 100, onBoundary: true });
    expect(startBefore(live, positionAt(live, 0), 18_018_000)).toMatchObject({ startUs: -18_018_000, mediaSequence: 97, onBoundary: true });
  });

  it('tolerates millisecond rounding of ElapsedTime', () => {
    expect(startBefore(live, positionAt(live, 0), 12_012_400)).toMatchObject({ mediaSequence: 98, onBoundary: true });
  });

  it('marks a start inside a segment as off-boundary', () => {
    expect(startBefore(live, positionAt(live, 2), 3_000_000)).toMatchObject({ startUs: 9_012_000, mediaSequence: 101, onBoundary: false });
    expect(startBefore(live, positionAt(live, 0), 4_000_000)).toMatchObject({ startUs: -4_000_000, mediaSequence: 99, onBoundary: false, programDateTime: '2025-12-31T23:59:56.000Z' });
  });
});

describe('startAtDate (DATERANGE START-DATE through PDT)', () => {
  const at = (iso: string) => startAtDate(live, isoToEpochUs(iso)!);
  it('maps into, before and after the window', () => {
    expect(at('2026-01-01T00:00:06.006Z')).toMatchObject({ startUs: 6_006_000, mediaSequence: 101, onBoundary: true });
    expect(at('2026-01-01T00:00:07Z')).toMatchObject({ startUs: 7_000_000, mediaSequence: 101, onBoundary: false });
    expect(at('2025-12-31T23:59:47.988Z')).toMatchObject({ startUs: -12_012_000, mediaSequence: 98, onBoundary: true });
    expect(at('2026-01-01T00:00:30.030Z')).toMatchObject({ startUs: 30_030_000, mediaSequence: 105, onBoundary: true });
  });

  it('gives up without PDT', () => {
    expect(startAtDate(cueInputFromText('#EXTM3U\n#EXTINF:6,\na.ts\n'), 0)).toBeUndefined();
  });
});
