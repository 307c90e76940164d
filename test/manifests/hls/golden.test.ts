// One runner for fixtures/hls/<case>/: input.m3u8 + expected.json (key facts of the model).
// Every case must also round-trip: serialize(parse(input)) === input with CRLF read as LF.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHls, playlistToJson, serializeHls, toCueInput } from '../../../manifests/hls/index.js';
import { fixturePath } from '../../support/vectors.js';

interface Expected {
  about: string;
  kind?: 'media' | 'multivariant';
  error?: string;
  playlist?: Record<string, unknown>;
  segments?: Record<string, Record<string, unknown>>;
  absent?: Record<string, string[]>;
  startsUs?: Record<string, number>;
  endUs?: number;
  pdtExplicit?: Record<string, boolean>;
  cueInput?: Record<string, string[]>;
  warnings?: string[];
}

const root = fixturePath('hls');
const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('HLS golden fixtures', () => {
  it('has the cases the engine promises', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  for (const name of cases) {
    it(name, () => {
      const input = readFileSync(join(root, name, 'input.m3u8'), 'utf8');
      const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
      const result = parseHls(input);
      if (expected.error !== undefined) {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe(expected.error);
        return;
      }
      if (!result.ok) throw new Error(result.error.message);
      const playlist = result.value;
      expect(playlist.kind).toBe(expected.kind);

      const out = serializeHls(playlist);
      expect(out).toBe(input.replace(/\r\n/g, '\n'));
      if (input.includes('\r\n')) expect(out).not.toContain('\r');

      const json = playlistToJson(playlist) as Record<string, unknown>;
      if (expected.playlist) expect(json).toMatchObject(expected.playlist);
      expect(playlist.warnings.map((w) => w.code)).toEqual(expected.warnings ?? []);

      if (playlist.kind !== 'media') return;
      const segs = json.segments as Record<string, unknown>[];
      for (const [i, facts] of Object.entries(expected.segments ?? {})) expect(segs[Number(i)], `segment ${i}`).toMatchObject(facts);
      for (const [i, keys] of Object.entries(expected.absent ?? {})) {
        for (const k of keys) expect(segs[Number(i)], `segment ${i}`).not.toHaveProperty(k);
      }
      for (const [i, us] of Object.entries(expected.startsUs ?? {})) expect(playlist.segments[Number(i)]?.startUs).toBe(us);
      if (expected.endUs !== undefined) expect(playlist.endUs).toBe(expected.endUs);
      for (const [i, explicit] of Object.entries(expected.pdtExplicit ?? {})) {
        expect(playlist.segments[Number(i)]?.programDateTimeExplicit, `segment ${i}`).toBe(explicit);
      }
      if (expected.cueInput) {
        const cue = toCueInput(playlist);
        for (const [i, names] of Object.entries(expected.cueInput)) {
          const tags = i === 'trailing' ? cue.trailingTags : cue.segments[Number(i)]?.tags;
          expect(tags?.map((t) => t.name), `cue input ${i}`).toEqual(names);
        }
      }
    });
  }
});
