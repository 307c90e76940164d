import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../manifests/index.js';
import type { Session } from '../../../src/sessions/session.js';
import { decodeDecision, decodeSession, encodeDecision, encodeSession } from '../../../src/sessions/state-codec.js';
import { samplePod, sampleSession } from '../../contract/session-store.contract.js';

const sessionArb: fc.Arbitrary<Session> = fc.record({
  id: fc.uuid(),
  channelId: fc.string(),
  originPath: fc.string(),
  format: fc.constantFrom('hls' as const, 'dash' as const),
  playerParams: fc.dictionary(fc.string(), fc.string({ unit: 'grapheme' })),
  clientIp: fc.oneof(fc.ipV4(), fc.ipV6()),
  userAgent: fc.string({ unit: 'binary' }),
  referer: fc.option(fc.webUrl(), { nil: undefined }),
  reportingMode: fc.constantFrom('server' as const, 'client' as const),
  createdAtMs: fc.integer({ min: 0, max: 2 ** 45 }),
}).map((s) => {
  const { referer, ...rest } = s;
  return referer === undefined ? rest : { ...rest, referer };
});

describe('state codec', () => {
  it('round-trips any session exactly', () => {
    fc.assert(fc.property(sessionArb, (s) => {
      expect(decodeSession(s.id, encodeSession(s))).toEqual(s);
    }));
  });

  it('round-trips the rendition map fingerprint when the session has one', () => {
    const s = { ...sampleSession(), renditions: 'Zk3sQ0a9-_xY1b2C' };
    expect(decodeSession(s.id, encodeSession(s))).toEqual(s);
    const text = encodeSession(sampleSession());
    expect(() => decodeSession('id', `${text.slice(0, -1)},"v":7}`)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
    expect(decodeSession('id', `${text.slice(0, -1)},"v":"fp"}`).renditions).toBe('fp');
  });

  it('does not store the id (it lives in the key) and uses short field names', () => {
    const s = sampleSession();
    const text = encodeSession(s);
    expect(text).not.toContain(s.id);
    expect(text).not.toContain('userAgent');
    expect(text.length).toBeLessThan(JSON.stringify(s).length - 80);
  });

  it('round-trips a decision record, storing neither the break id (its key says it) nor filledUs', () => {
    const pod: Pod = samplePod('b1');
    const text = encodeDecision({ pod, decidedAtMs: 42 });
    expect(text).not.toContain('breakId');
    expect(text).not.toContain('filledUs');
    expect(decodeDecision(text, 'b1')).toEqual({ pod, decidedAtMs: 42 });
    // records written with both still read as they were
    expect(decodeDecision(JSON.stringify({ a: 42, p: pod }), 'other')).toEqual({ pod, decidedAtMs: 42 });
  });

  it('leaves out ad ids and sequences that their slot gives, and only those', () => {
    const base = samplePod('b1');
    const ad = base.ads[0]!;
    const slotted: Pod = { ...base, ads: [1, 2].map((n) => ({ ...ad, adId: `ad${n}`, id: `ad${n}-${n}`, sequence: n })), filledUs: 30_000_000 };
    const text = encodeDecision({ pod: slotted, decidedAtMs: 7 });
    expect(text).not.toContain('"id"');
    expect(text).not.toContain('sequence');
    expect(text.indexOf('"ads"')).toBeLessThan(text.indexOf('"notes"'));
    expect(decodeDecision(text, 'b1')).toEqual({ pod: slotted, decidedAtMs: 7 });
    // an ad numbered otherwise (here: its id is not `<adId>-1`) keeps both
    expect(encodeDecision({ pod: base, decidedAtMs: 7 })).toContain('"sequence":1');
    const renumbered: Pod = { ...slotted, ads: [{ ...slotted.ads[0]!, sequence: 2 }], filledUs: 15_000_000 };
    expect(decodeDecision(encodeDecision({ pod: renumbered, decidedAtMs: 7 }), 'b1').pod).toEqual(renumbered);
  });

  it('rejects shapes it did not write with STORE_CORRUPT', () => {
    for (const text of ['', '[]', 'null', '{"c":"x"}', '{"c":"x","o":"","f":"x","p":{},"i":"","u":"","m":"s","t":1}']) {
      expect(() => decodeSession('id', text)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
    }
    for (const text of ['{}', '{"a":1,"p":{"breakId":"b"}}', '{"a":"1","p":' + JSON.stringify(samplePod('b')) + '}', '{"a":1,"p":{"source":"x","ads":[{"durationUs":"1"}],"notes":[]}}']) {
      expect(() => decodeDecision(text, 'b')).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
    }
  });
});
