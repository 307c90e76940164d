/**
 * Golden runner for the pure pipeline ladder → profiles → ffmpeg argv → multivariant.
 * Each fixtures/transcode/<case>/input.json holds the channel's playlists (and probes), the
 * profile options and the command inputs; expected-profiles.json and expected-argv.json are
 * what we must produce. `UPDATE_GOLDEN=1 npx vitest run test/transcode` rewrites them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ATSC_A85_TARGET, buildConditionCommand, loudnormApplyFilter, profilesFromLadder, readContentLadder, toArgv,
  type LadderInput, type LoudnessMeasurement, type ProfileOptions,
} from '../../../transcode/index.js';

const root = join(import.meta.dirname, '../../../fixtures/transcode');
const update = process.env.UPDATE_GOLDEN === '1';

interface CaseInput {
  readonly ladder: LadderInput;
  readonly profileOptions: ProfileOptions;
  readonly command: { sourcePath: string; outDir: string; durationSec: number; sourceHasAudio: boolean; loudnormMeasured?: LoudnessMeasurement };
}

function golden(file: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (update || !existsSync(file)) writeFileSync(file, text);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(text));
}

describe('transcode golden cases', () => {
  const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'input.json')));
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));
  for (const c of cases) {
    it(c.name, () => {
      const dir = join(root, c.name);
      const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as CaseInput;
      const ladder = readContentLadder(input.ladder);
      if (!ladder.ok) throw new Error(ladder.error.message);
      const profiles = profilesFromLadder(ladder.value, input.profileOptions);
      golden(join(dir, 'expected-profiles.json'), { ladder: ladder.value, profiles });
      const { loudnormMeasured, ...cmd } = input.command;
      const spec = buildConditionCommand({
        ...cmd,
        profiles,
        ...(loudnormMeasured === undefined ? {} : { loudnormFilter: loudnormApplyFilter(ATSC_A85_TARGET, loudnormMeasured) }),
      });
      golden(join(dir, 'expected-argv.json'), toArgv(spec));
    });
  }
});
