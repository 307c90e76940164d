import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deltaCode, deltaDecode } from '../../../src/sessions/json-delta.js';
import { liveState } from './state-fixtures.js';

describe('JSON delta coding', () => {
  it('gives back any JSON text exactly, or leaves it alone', () => {
    const records = fc.array(fc.dictionary(fc.constantFrom('m', 'd', 'k', '__proto__'), fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double(), fc.string(), fc.constant(null))), { maxLength: 6 });
    fc.assert(fc.property(fc.oneof(fc.json(), records.map((r) => JSON.stringify({ r }))), (text) => {
      const coded = deltaCode(text);
      if (coded !== undefined) expect(deltaDecode(coded)).toBe(text);
    }));
  });

  it('codes an integer member of a record as its difference to the record before', () => {
    const text = JSON.stringify(liveState(3));
    const coded = deltaCode(text);
    expect(coded).toContain('{"k":"f:seq-100001:1","m":1,"d":0}');
    expect(coded).toContain('{"msn":1,"breakId":"seq-100001","offsetUs":6000000}');
    expect(deltaDecode(coded ?? '')).toBe(text);
  });

  it('leaves text alone that has no records in arrays, is not canonical, or would not round-trip', () => {
    expect(deltaCode('{"c":"x","t":1}')).toBeUndefined();
    expect(deltaCode('[{"m":1}, {"m":2}]')).toBeUndefined();
    expect(deltaCode('[{"m":1.0},{"m":2}]')).toBeUndefined();
    expect(deltaCode(`[{"m":${Number.MIN_SAFE_INTEGER}},{"m":${Number.MAX_SAFE_INTEGER}}]`)).toBeUndefined();
    expect(deltaCode('[{"m":1},{"m":1.5}]')).toBeUndefined();
  });
});
