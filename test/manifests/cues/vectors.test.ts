// Conformance: real cue playlists published by others (grafov/m3u8, Eyevinn hls-splice, the
// SCTE 35 2022b §12.2.2 example), read in place from the shared vectors folder.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBreaks, type ReadBreaksResult } from '../../../manifests/cues/index.js';
import { parseHls, toCueInput } from '../../../manifests/hls/index.js';
import { vectorPath, vectorsAvailable } from '../../support/vectors.js';

function breaksOf(...path: string[]): ReadBreaksResult {
  const parsed = parseHls(readFileSync(vectorPath('hls', ...path), 'utf8'));
  if (!parsed.ok || parsed.value.kind !== 'media') throw new Error(`${path.join('/')}: not a media playlist`);
  return readBreaks(toCueInput(parsed.value));
}

const grafov = (name: string): ReadBreaksResult => breaksOf('grafov-m3u8', 'sample-playlists', name);
const codes = (r: ReadBreaksResult): string[] => r.errors.map((e) => e.code);

describe.skipIf(!vectorsAvailable)('cue readers on published playlists', () => {
  it('grafov cue-out: CUE-OUT:60 … CUE-IN across a discontinuity', () => {
    const r = grafov('media-playlist-with-cue-out.m3u8');
    expect(r.breaks).toEqual([
      expect.objectContaining({ id: 'seq-30692', dialect: 'cue-out', mediaSequence: 30692, startUs: 12_000_000, durationUs: 60_000_000, endUs: 60_000_000, programDateTime: '2021-01-21T06:36:44.925Z' }),
    ]);
    expect(r.errors).toEqual([]);
  });

  it('grafov simple cues and CUE-OUT:18 with ElapsedTime CONT lines give one break each', () => {
    expect(grafov('media-playlist-with-simple-cues.m3u8').breaks).toEqual([
      expect.objectContaining({ startUs: 0, durationUs: 15_000_000, endUs: 4_000_000, joinedMidBreak: false }),
    ]);
    expect(grafov('media-playlist-with-cue-scte35.m3u8').breaks).toEqual([
      expect.objectContaining({ id: 'seq-2', startUs: 12_000_000, durationUs: 18_000_000, endUs: 30_000_000 }),
    ]);
  });

  it('grafov OATCLS + CUE-OUT/CONT/IN: one break carrying the splice_insert, no duplicate', () => {
    for (const name of ['media-playlist-with-oatcls-scte35.m3u8', 'media-playlist-with-oatcls-scte35-cue-in.m3u8', 'media-playlist-with-oatcls-scte35-asset-key.m3u8']) {
      const r = grafov(name);
      expect(r.breaks).toHaveLength(1);
      expect(r.breaks[0]).toMatchObject({ id: 'scte35-1', dialect: 'oatcls', startUs: 0, durationUs: 15_000_000, endUs: 15_000_000, scte35: { spliceEventId: 1 } });
      expect(r.errors).toEqual([]);
    }
  });

  it('grafov partner cue-outs (`12,ID=55,PARTNER=gumgum`, DURATION=20,ID=…)', () => {
    const gumgum = grafov('media-playlist-with-cue-out-partner-gumgum.m3u8');
    expect(gumgum.breaks.map((b) => [b.mediaSequence, b.durationUs])).toEqual([[4, 12_000_000], [5, 10_000_000]]);
    expect(gumgum.errors).toEqual([]);
    expect(grafov('media-playlist-with-cue-out-partner.m3u8').breaks.map((b) => b.id)).toEqual(['seq-10', 'seq-26', 'seq-42']);
  });

  it('grafov cue-in before any cue-out is reported, the later break still read', () => {
    const r = grafov('media-playlist-with-cue-out-in-without-oatcls.m3u8');
    expect(codes(r)).toEqual(['CUE_UNMATCHED_IN']);
    expect(r.errors[0]?.context?.line).toBe(11);
    expect(r.breaks[0]).toMatchObject({ mediaSequence: 275163121, durationUs: 24_000_000, endUs: r.breaks[0]!.startUs + 24_000_000 });
  });

  it('grafov DATERANGE with a garbage SCTE35-OUT: the break by ID, the message reported', () => {
    const r = grafov('media-playlist-with-scte35-daterange.m3u8');
    expect(r.breaks).toEqual([expect.objectContaining({ id: 'splice-6FFFFFF0', startUs: 20_000_000, durationUs: 60_000_000, endUs: 80_000_000 })]);
    expect(r.breaks[0]?.scte35).toBeUndefined();
    expect(codes(r)).toEqual(['CUE_SCTE35_INVALID', 'CUE_SCTE35_INVALID']);
  });

  it('grafov DATERANGE with a real splice_insert', () => {
    const r = grafov('media-playlist-with-daterange-scte35.m3u8');
    expect(r.breaks).toEqual([expect.objectContaining({ id: 'splice-4000C76', mediaSequence: 983, durationUs: 60_000_000, scte35: expect.objectContaining({ spliceEventId: 0x4000c76 }) })]);
  });

  it('grafov x-scte35: two splice_insert in-points with nothing open are warnings, not breaks', () => {
    const r = grafov('media-playlist-with-x-scte35.m3u8');
    expect(r.breaks).toEqual([]);
    expect(codes(r)).toEqual(['CUE_UNMATCHED_IN', 'CUE_UNMATCHED_IN']);
  });

  it('grafov Adobe CUE-OUT:DURATION=119,ID=100 … CUE-IN:ID=100', () => {
    expect(grafov('media-playlist-with-adobe.m3u8').breaks).toEqual([
      expect.objectContaining({ mediaSequence: 263727854, durationUs: 119_000_000, endUs: 35_903_000 }),
    ]);
  });

  it('newsy: DATERANGE announced ahead lands on the segment its START-DATE names, repeated tag is the same break', () => {
    const r = breaksOf('grafov-m3u8', 'test-playlists', 'newsy-media.m3u8');
    expect(r.breaks).toEqual([
      expect.objectContaining({ id: 'event_166', mediaSequence: 23592, startUs: 18_389_000, durationUs: 60_000_000, scte35: expect.objectContaining({ segmentationEventId: 166 }) }),
    ]);
  });

  it('molotov: DATERANGE + CUE-OUT on one segment are one break, ended by the CUE-IN', () => {
    const r = breaksOf('grafov-m3u8', 'test-playlists', 'molotov-media-video.m3u8');
    expect(r.breaks).toEqual([
      expect.objectContaining({ id: '17-1621978275', dialect: 'daterange', mediaSequence: 600974, durationUs: 57_600_000, endUs: 69_120_000, scte35: expect.objectContaining({ spliceEventId: 17 }) }),
    ]);
  });

  it('ottera: OATCLS + CUE-OUT with SCTE35= on CONT is one open break', () => {
    const r = breaksOf('grafov-m3u8', 'test-playlists', 'ottera-elec-en-media.m3u8');
    expect(r.breaks).toEqual([expect.objectContaining({ id: 'scte35-1', dialect: 'oatcls', mediaSequence: 409970, durationUs: 120_000_000 })]);
    expect(r.breaks[0]?.endUs).toBeUndefined();
    expect(r.errors).toEqual([]);
  });

  it('veset: CUE-OUT:20.020 with "6.006/20.020" CONT lines', () => {
    const r = breaksOf('grafov-m3u8', 'test-playlists', 'veset-media.m3u8');
    expect(r.breaks).toEqual([expect.objectContaining({ startUs: 0, durationUs: 20_020_000, joinedMidBreak: false })]);
    expect(r.errors).toEqual([]);
  });

  it('Eyevinn hls2_cue: DATERANGE + CUE-OUT:0 + CUE-IN is one zero-length break named 1-804', () => {
    const r = breaksOf('eyevinn-hls-splice', 'testvectors', 'hls2_cue', 'index_0_v.m3u8');
    expect(r.breaks).toEqual([
      expect.objectContaining({ id: '1-804', dialect: 'daterange', mediaSequence: 6, startUs: 45_000_000, durationUs: 0, endUs: 45_000_000, scte35: expect.objectContaining({ spliceEventId: 1 }) }),
    ]);
  });

  it('SCTE 35 §12.2.2 example: CUE-OUT=YES … CUE-IN=YES by ID, although every CUE is a placeholder', () => {
    const r = breaksOf('scte35-2022b-spec', 'sec12.2.2-ext-x-scte35-example.m3u8');
    expect(r.breaks).toEqual([
      expect.objectContaining({ id: 'f6UrRd', dialect: 'ext-x-scte35', mediaSequence: 922, startUs: 31_064_000, durationUs: 60_060_000, endUs: 91_124_000 }),
    ]);
    expect(new Set(codes(r))).toEqual(new Set(['CUE_SCTE35_INVALID']));
  });
});
