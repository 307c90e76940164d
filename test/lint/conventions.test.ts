// The project's conventions are lint rules (STYLE §15); each gets a case that must be
// flagged and a case that must pass, linted with the real eslint.config.js.
//
// Typed rules need the probe to be a real file of the TypeScript project, so each probe is
// written beside the code it pretends to be, linted, and removed at once.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/vectors.js';

const eslint = new ESLint({ cwd: repoRoot });
let probeCount = 0;

async function ruleIds(code: string, where: string): Promise<string[]> {
  const file = join(repoRoot, where.replace(/\.ts$/, `-${process.pid}-${probeCount++}.ts`));
  await writeFile(file, code);
  try {
    const [result] = await eslint.lintFiles([file]);
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  } finally {
    await rm(file, { force: true });
  }
}

describe('manifests/ stays pure', () => {
  const file = 'manifests/model/lint-probe.ts';

  it.each([
    ['the clock', 'export const t = Date.now();\n', 'no-restricted-properties'],
    ['randomness', 'export const r = Math.random();\n', 'no-restricted-properties'],
    ['the environment', 'export const e = process.env.HOME;\n', 'no-restricted-properties'],
    ['a clock via new Date()', 'export const d = new Date();\n', 'no-restricted-syntax'],
    ['file I/O', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'no-restricted-imports'],
    ['the service', "import { buildApp } from '../../src/app.js';\nexport const b = buildApp;\n", 'no-restricted-imports'],
    ['a thrown Error', "export function f(): never { throw new Error('x'); }\n", 'no-restricted-syntax'],
  ])('flags %s', async (_what, code, rule) => {
    expect(await ruleIds(code, file)).toContain(rule);
  });

  it('accepts time taken as an argument and a parsed date', async () => {
    const code = 'export function age(nowMs: number, iso: string): number { return nowMs - Date.parse(iso); }\n';
    expect(await ruleIds(code, file)).toEqual([]);
  });
});

describe('the service throws catalogue errors only', () => {
  it('flags throw new Error in src/', async () => {
    expect(await ruleIds("export function f(): never { throw new Error('x'); }\n", 'src/channels/lint-probe.ts')).toContain('no-restricted-syntax');
  });

  it('allows it in tests', async () => {
    expect(await ruleIds("export function f(): never { throw new Error('x'); }\n", 'test/lint/lint-probe.ts')).toEqual([]);
  });
});

describe('typed vocabulary', () => {
  it('flags any', async () => {
    expect(await ruleIds('export function f(x: any): number { return Number(x); }\n', 'src/channels/lint-probe.ts')).toContain('@typescript-eslint/no-explicit-any');
  });

  it('flags a switch that misses a member of a union', async () => {
    const code = [
      "type Kind = 'media' | 'multivariant';",
      'export function f(k: Kind): number {',
      '  switch (k) {',
      "    case 'media': return 1;",
      '  }',
      '  return 0;',
      '}',
      '',
    ].join('\n');
    expect(await ruleIds(code, 'src/channels/lint-probe.ts')).toContain('@typescript-eslint/switch-exhaustiveness-check');
  });
});
