import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packJson, unpackJson } from '../../../src/sessions/packed-json.js';
import { STATE_DICTIONARY_V1, STATE_DICTIONARY_V2 } from '../../../src/sessions/state-dictionary.js';
import { encodeDecision, encodeSession } from '../../../src/sessions/state-codec.js';
import { samplePod, sampleSession } from '../../contract/session-store.contract.js';
import { liveState } from './state-fixtures.js';

const unpack = (bytes: Buffer) => unpackJson(bytes, 'live-state', 's:{x}:h.l');

/** What STATE_DICTIONARY_V1 hashed to when it was frozen. */
const V1_SHA256_PREFIX = '23aa2baafdfccd82';

describe('packed JSON', () => {
  it('round-trips any JSON text exactly, packed or not', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      expect(unpack(packJson(text))).toBe(text);
    }));
  });

  it('packs the same text to the same bytes (PlaylistState.version compares them)', () => {
    const text = encodeDecision({ pod: samplePod('b1'), decidedAtMs: 1_700_000_000_000 });
    expect(packJson(text).equals(packJson(text))).toBe(true);
    const other = text.replace('1700000000000', '1700000000001');
    expect(other).not.toBe(text);
    expect(packJson(text).equals(packJson(other))).toBe(false);
  });

  it('stores typical state in well under half its JSON size, behind format byte 2', () => {
    for (const text of [encodeSession(sampleSession()), encodeDecision({ pod: samplePod('b1'), decidedAtMs: 1_700_000_000_000 })]) {
      const packed = packJson(text);
      expect(packed[0]).toBe(0x02);
      expect(packed.length).toBeLessThan(Buffer.byteLength(text) / 2);
    }
  });

  it('delta-codes runs of records (format 3): a live splice state packs to about a tenth of its JSON', () => {
    const text = JSON.stringify(liveState(6));
    const packed = packJson(text);
    expect(packed[0]).toBe(0x03);
    expect(packed.length).toBeLessThan(Buffer.byteLength(text) / 8);
    expect(unpack(packed)).toBe(text);
  });

  it('reads format 1 (dictionary V1), as versions before format 2 wrote it', () => {
    for (const text of [encodeSession(sampleSession()), JSON.stringify(liveState(4))]) {
      const v1 = Buffer.concat([Buffer.from([0x01]), deflateRawSync(Buffer.from(text), { level: 9, dictionary: STATE_DICTIONARY_V1 })]);
      expect(unpack(v1)).toBe(text);
    }
  });

  it('keeps dictionary V1 as it was frozen', () => {
    expect(createHash('sha256').update(STATE_DICTIONARY_V1).digest('hex').slice(0, 16)).toBe(V1_SHA256_PREFIX);
    expect(STATE_DICTIONARY_V2.subarray(0, STATE_DICTIONARY_V1.length).equals(STATE_DICTIONARY_V1)).toBe(true);
  });

  it('keeps tiny values as plain text when deflate would not shrink them', () => {
    expect(packJson('{"n":1}').toString('utf8')).toBe('{"n":1}');
    expect(packJson('"ü"').toString('utf8')).toBe('"ü"');
  });

  it('reads plain JSON as versions before packing wrote it', () => {
    expect(unpack(Buffer.from('{"seq":9,"label":"é ☃"}'))).toBe('{"seq":9,"label":"é ☃"}');
  });

  it('reports corrupt or unknown-format bytes as STORE_CORRUPT, naming the record', () => {
    const packed = packJson(encodeDecision({ pod: samplePod('b1'), decidedAtMs: 1 }));
    const corrupt = [
      Buffer.from([0x01, 0xff, 0xff, 0xff]),
      packed.subarray(0, packed.length - 5),
      Buffer.from([0x02, 0x00]),
      Buffer.from([0x03, 0xff]),
      Buffer.from([0x04, 0x00]),
      Buffer.from([0x00]),
    ];
    for (const bytes of corrupt) {
      expect(() => unpack(bytes)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT', context: { store: 'live-state', key: 's:{x}:h.l' } }));
    }
  });
});
