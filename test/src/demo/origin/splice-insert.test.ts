import { describe, expect, it } from 'vitest';
import { decodeScte35, encodeScte35, parseScte35Input, toHex } from '../../../../manifests/scte35/index.js';
import { spliceInsertBase64, spliceInsertHex, spliceInsertSection } from '../../../../src/demo/origin/splice-insert.js';

describe('demo splice_insert', () => {
  it('encodes a cue-out with event id, pts and break duration that decodes back with a valid CRC', () => {
    const hex = spliceInsertHex({ eventId: 29_453_761, out: true, atSec: 1_767_225_680, durationSec: 20, availNum: 1 });
    expect(hex).toMatch(/^0xFC30[0-9A-F]+$/);
    const r = decodeScte35(hex);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.spliceCommand).toMatchObject({
      type: 'splice_insert',
      spliceEventId: 29_453_761,
      spliceEventCancelIndicator: false,
      outOfNetworkIndicator: true,
      programSpliceFlag: true,
      spliceImmediateFlag: false,
      spliceTime: { timeSpecifiedFlag: true, ptsTime: (1_767_225_680 * 90_000) % 2 ** 33 },
      breakDuration: { autoReturn: true, duration: 1_800_000 },
      availNum: 1,
      availsExpected: 1,
    });
    // Decode → encode is byte-identical: the message is well-formed in every field.
    expect(`0x${toHex(encodeScte35(r.value)).toUpperCase()}`).toBe(hex);
  });

  it('encodes the cue-in without a duration, and the same message in base64', () => {
    const params = { eventId: 7, out: false, atSec: 100 };
    const r = decodeScte35(spliceInsertHex(params));
    expect(r.ok && r.value.spliceCommand).toMatchObject({ spliceEventId: 7, outOfNetworkIndicator: false, durationFlag: false });
    const b64 = parseScte35Input(spliceInsertBase64(params));
    expect(b64.ok && toHex(b64.value)).toBe(toHex(encodeScte35(spliceInsertSection(params))));
  });

  it('rejects a corrupted message (the CRC covers the bytes)', () => {
    const hex = spliceInsertHex({ eventId: 1, out: true, atSec: 0, durationSec: 30 });
    const flipped = `${hex.slice(0, 30)}${hex[30] === '0' ? '1' : '0'}${hex.slice(31)}`;
    const r = decodeScte35(flipped);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('SCTE35_CRC_MISMATCH');
  });
});
