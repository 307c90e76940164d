// Golden runner: every fixtures/cues/<dialect>/<case>/ holds input.m3u8 and expected-breaks.json
// ({ description, breaks, errors: [{ code, line }] }). The playlist goes through the real HLS
// parser, as the service does, then readBreaks.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBreaks } from '../../../manifests/cues/index.js';
import { parseHls, toCueInput } from '../../../manifests/hls/index.js';
import type { Break } from '../../../manifests/model/break.js';
import { fixturePath } from '../../support/vectors.js';

interface Expected {
  readonly description: string;
  readonly breaks: Break[];
  readonly errors: { code: string; line: number }[];
}

const root = fixturePath('cues');
const cases = readdirSync(root).flatMap((dialect) =>
  readdirSync(join(root, dialect)).map((name) => ({ dialect, name, dir: join(root, dialect, name) })),
);

describe('cue golden fixtures', () => {
  it('covers every dialect with cases, including a malformed one each', () => {
    const dialects = new Set(cases.map((c) => c.dialect));
    for (const d of ['cue-out', 'daterange', 'oatcls', 'ext-x-scte35', 'splicepoint']) {
      expect(dialects).toContain(d);
      expect(cases.some((c) => c.dialect === d && c.name === 'malformed')).toBe(true);
    }
  });

  for (const c of cases) {
    it(`${c.dialect}/${c.name}`, () => {
      expect(existsSync(join(c.dir, 'expected-breaks.json'))).toBe(true);
      const expected = JSON.parse(readFileSync(join(c.dir, 'expected-breaks.json'), 'utf8')) as Expected;
      expect(expected.description).not.toBe('');
      const parsed = parseHls(readFileSync(join(c.dir, 'input.m3u8'), 'utf8'));
      if (!parsed.ok || parsed.value.kind !== 'media') throw new Error(`${c.dir}: not a media playlist`);
      const result = readBreaks(toCueInput(parsed.value));
      expect(result.breaks).toEqual(expected.breaks);
      expect(result.errors.map((e) => ({ code: e.code, line: e.context?.line }))).toEqual(expected.errors);
      for (const e of result.errors) {
        const line = e.context?.line;
        expect(typeof line).toBe('number');
        expect(e.message).toContain(`line ${line as number}`);
      }
    });
  }
});
