import { describe, expect, it } from 'vitest';
import {
  BREAK_END_SEGMENTATION_TYPES,
  BREAK_START_SEGMENTATION_TYPES,
  decodeScte35,
  formatUpid,
  parseScte35Input,
  segmentationTypeName,
  segmentationUpidTypeName,
  spliceSummary,
  toBase64,
  toHex,
  ticksToSeconds,
} from '../../../manifests/scte35/index.js';
import { section, seg, timeSignal, validCases } from './fixture-cases.js';

const caseNamed = (name: string) => validCases.find((c) => c.name === name)!.section;
const noUpid = { kind: 'bytes' as const, segmentationUpidType: 0, bytes: new Uint8Array(0) };

describe('spliceSummary', () => {
  it('reads a splice_insert out with its break duration and time', () => {
    expect(spliceSummary(caseNamed('sample-14.2-splice-insert'))).toEqual({ kind: 'out', eventId: 0x4800008f, durationTicks: 5426421, ptsTicks: 1936310318 });
  });

  it('reads a time_signal placement opportunity start, with its UPID', () => {
    expect(spliceSummary(caseNamed('sample-14.1-time-signal-placement-opportunity-start'))).toEqual({
      kind: 'out', eventId: 0x4800008e, durationTicks: 27630000, ptsTicks: 1924989008, upid: '0x000000002ca0a18a', segmentationTypeId: 0x34,
    });
  });

  it('reads an end as "in"', () => {
    expect(spliceSummary(caseNamed('sample-14.3-time-signal-placement-opportunity-end')).kind).toBe('in');
  });

  it('adds pts_adjustment modulo 2^33', () => {
    expect(spliceSummary(caseNamed('pts-adjustment-wraps-past-2-pow-33')).ptsTicks).toBe(90000);
  });

  it('says "none" for a cancelled splice_insert, a splice_null and a time_signal without a break type', () => {
    expect(spliceSummary(caseNamed('splice-insert-event-cancel'))).toEqual({ kind: 'none', eventId: 10 });
    expect(spliceSummary(caseNamed('splice-null-heartbeat'))).toEqual({ kind: 'none' });
    expect(spliceSummary(section(timeSignal(5), [seg({ segmentationTypeId: 0x17, segmentationUpid: noUpid })]))).toEqual({ kind: 'none', ptsTicks: 5 });
  });

  it('skips cancelled segmentation descriptors and non-break types to find the deciding one', () => {
    const s = section(timeSignal(5), [
      { type: 'segmentation_descriptor', identifier: 0x43554549, segmentationEventId: 1, segmentationEventCancelIndicator: true, segmentationEventIdComplianceIndicator: true },
      seg({ segmentationTypeId: 0x01, segmentationUpid: noUpid, segmentationEventId: 2 }),
      seg({ segmentationTypeId: 0x23, segmentationUpid: noUpid, segmentationEventId: 3 }),
    ]);
    expect(spliceSummary(s)).toMatchObject({ kind: 'in', eventId: 3, segmentationTypeId: 0x23 });
  });

  it('treats every listed start as out and its +1 as in', () => {
    for (const id of BREAK_START_SEGMENTATION_TYPES) {
      expect(BREAK_END_SEGMENTATION_TYPES.has(id + 1)).toBe(true);
      expect(segmentationTypeName(id)).toMatch(/Start$/);
      expect(segmentationTypeName(id + 1)).toMatch(/End$/);
      expect(spliceSummary(section(timeSignal(1), [seg({ segmentationTypeId: id, segmentationUpid: noUpid })])).kind).toBe('out');
    }
  });
});

describe('names and formats', () => {
  it('names segmentation types and UPID types from the spec tables', () => {
    expect(segmentationTypeName(0x34)).toBe('Provider Placement Opportunity Start');
    expect(segmentationTypeName(0x03)).toBe('Reserved');
    expect(segmentationUpidTypeName(0x0d)).toBe('MID');
    expect(segmentationUpidTypeName(0x99)).toBe('Reserved');
  });

  it('formats EIDR, UUID, ISAN and text UPIDs', () => {
    const hex = (h: string) => Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16));
    expect(formatUpid({ kind: 'bytes', segmentationUpidType: 0x0a, bytes: hex('14778be5e3f6000000000000') })).toBe('10.5239/8BE5-E3F6-0000-0000-0000');
    expect(formatUpid({ kind: 'bytes', segmentationUpidType: 0x10, bytes: hex('f81d4fae7dec11d0a76500a0c91e6bf6') })).toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(formatUpid({ kind: 'bytes', segmentationUpidType: 0x06, bytes: hex('0000000123450000abcd0000') })).toBe('0000-0001-2345-0000-ABCD-0000');
    expect(formatUpid({ kind: 'bytes', segmentationUpidType: 0x0e, bytes: Uint8Array.of(0x61, 0xfc) })).toBe('a\u00fc');
  });

  it('rounds seconds to 6 decimals', () => {
    expect(ticksToSeconds(1924989008)).toBe(21388.766756);
    expect(ticksToSeconds(2 ** 33 - 1)).toBe(95443.717678);
  });
});

describe('input text', () => {
  it('accepts hex with and without 0x, upper or lower case, and URL-safe base64', () => {
    const b = Uint8Array.of(0xfc, 0xfb, 0xff);
    expect(parseScte35Input('0xFCFBFF')).toEqual({ ok: true, value: b });
    expect(parseScte35Input('fcfbff')).toEqual({ ok: true, value: b });
    expect(parseScte35Input(toBase64(b))).toEqual({ ok: true, value: b });
    expect(parseScte35Input(toBase64(b).replace(/\+/g, '-').replace(/\//g, '_'))).toEqual({ ok: true, value: b });
    expect(toHex(b)).toBe('fcfbff');
  });

  it('reports the first bad character', () => {
    const r = parseScte35Input('  /DA!x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'SCTE35_BAD_ENCODING', context: { offset: 5 } });
  });

  it('rejects a CRC mismatch by default and accepts it with ignoreCrc', () => {
    const good = decodeScte35('/DA0AAAAAAAA///wBQb+cr0AUAAeAhxDVUVJSAAAjn/PAAGlmbAICAAAAAAsoKGKNAIAmsnRfg==');
    expect(good.ok).toBe(true);
    const bad = '/DA0AAAAAAAA///wBQb+cr0AUAAeAhxDVUVJSAAAjn/PAAGlmbAICAAAAAAsoKGKNAIAmsnRfw==';
    expect(decodeScte35(bad)).toMatchObject({ ok: false, error: { code: 'SCTE35_CRC_MISMATCH', context: { offset: 51 } } });
    const tolerant = decodeScte35(bad, { ignoreCrc: true });
    expect(tolerant.ok && tolerant.value.crc32).toBe(0x9ac9d17f);
  });
});
