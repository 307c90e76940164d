// Golden runner: walks fixtures/scte35/valid and /invalid (written by generate-fixtures.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeScte35, encodeScte35, parseScte35Input, scte35ToJson, toBase64, toHex } from '../../../manifests/scte35/index.js';
import { fixturePath, vectorPath, vectorsAvailable } from '../../support/vectors.js';
import { invalidCases, validCases } from './fixture-cases.js';

function files(kind: 'valid' | 'invalid'): { name: string; data: Record<string, unknown> }[] {
  const dir = fixturePath('scte35', kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f.replace(/\.json$/, ''), data: JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Record<string, unknown> }));
}

describe('SCTE-35 golden fixtures: valid', () => {
  const valid = files('valid');
  it('has one fixture per case', () => {
    expect(valid.map((f) => f.name).sort()).toEqual(validCases.map((c) => c.name).sort());
  });
  for (const { name, data } of valid) {
    it(`${name}: decodes to its expected JSON and re-encodes byte for byte`, () => {
      const r = decodeScte35(data.base64 as string);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      expect(scte35ToJson(r.value)).toEqual(data.expected);
      expect(toBase64(encodeScte35(r.value))).toBe(data.base64);
    });
    it(`${name}: the case builder still produces these bytes`, () => {
      const c = validCases.find((x) => x.name === name);
      expect(c).toBeDefined();
      expect(toBase64(encodeScte35(c!.section))).toBe(data.base64);
    });
  }
});

describe('SCTE-35 golden fixtures: invalid', () => {
  const invalid = files('invalid');
  it('has one fixture per case', () => {
    expect(invalid.map((f) => f.name).sort()).toEqual(invalidCases.map((c) => c.name).sort());
  });
  for (const { name, data } of invalid) {
    it(`${name}: is rejected with its code and offset`, () => {
      const r = decodeScte35((data.base64 ?? data.hex) as string);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const expected = data.expectedError as { code: string; offset: number };
      expect(r.error.code).toBe(expected.code);
      expect(r.error.context?.offset).toBe(expected.offset);
    });
  }
});

// Hand check of the encoder against the spec: the §14 samples rebuilt from their printed fields
// must give the spec's own bytes (read from the third-party vectors, not copied).
describe.skipIf(!vectorsAvailable)('SCTE-35 §14 samples rebuilt from the spec', () => {
  const vectors = vectorsAvailable
    ? (JSON.parse(readFileSync(vectorPath('scte35', 'vectors.json'), 'utf8')) as { id: string; message: string }[])
    : [];
  for (const n of ['14.1', '14.2', '14.3']) {
    it(`sample ${n} encodes to the spec's bytes`, () => {
      const c = validCases.find((x) => x.name.startsWith(`sample-${n}-`));
      const v = vectors.find((x) => x.id === `scte35-2022b-${n}`);
      expect(c && v).toBeTruthy();
      const specBytes = parseScte35Input(v!.message);
      expect(specBytes.ok && toHex(specBytes.value)).toBe(toHex(encodeScte35(c!.section)));
    });
  }
});
