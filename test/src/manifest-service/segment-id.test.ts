import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSegmentId, encodeSegmentId, type AdSegmentId } from '../../../src/manifest-service/segment-id.js';

describe('ad segment ids', () => {
  it('round-trip every field, including break ids with any characters', () => {
    fc.assert(fc.property(
      fc.record({
        kind: fc.constantFrom('ad' as const, 'slate' as const),
        breakId: fc.string({ minLength: 1, maxLength: 120 }),
        ad: fc.nat(9999), playlist: fc.nat(9999), segment: fc.nat(999_999),
        part: fc.oneof(fc.constant({ kind: 'media' as const }), fc.constant({ kind: 'map' as const }), fc.record({ kind: fc.constant('key' as const), index: fc.nat(99) })),
      }),
      (id: AdSegmentId) => {
        const text = encodeSegmentId(id);
        expect(text).toMatch(/^[A-Za-z0-9._-]+$/);
        expect(decodeSegmentId(text)).toEqual(id);
      },
    ));
  });

  it('is compact', () => {
    expect(encodeSegmentId({ kind: 'ad', breakId: 'seq-15', ad: 0, playlist: 1, segment: 3, part: { kind: 'media' } })).toBe('a0.1.3.m.c2VxLTE1');
  });

  it.each(['', 'x', 'a0.1.3.m', 'a0.1.3.q.c2VxLTE1', 'b0.1.3.m.c2VxLTE1', 'a0.1.3.m.c2VxLTE1=', 'a0.1.3.m.c2VxLTF', '../../etc'])('rejects %j', (text) => {
    expect(decodeSegmentId(text)).toBeUndefined();
  });
});
