// The project's conventions are lint rules (STYLE §15); each gets a case that must be
// flagged and a case that must pass, linted with the real eslint.config.js.
//
// Typed rules need each probe to be a real file of the TypeScript project, so the probes are
// written beside the code they pretend to be, linted together in one pass (one program, not
// one per probe), and removed at once.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/vectors.js';

interface Probe { readonly name: string; readonly where: string; readonly code: string }

const probes: Probe[] = [
  { name: 'clock', where: 'manifests/model', code: 'export const t = Date.now();\n' },
  { name: 'random', where: 'manifests/model', code: 'export const r = Math.random();\n' },
  { name: 'env', where: 'manifests/model', code: 'export const e = process.env.HOME;\n' },
  { name: 'new-date', where: 'manifests/model', code: 'export const d = new Date();\n' },
  { name: 'fs', where: 'manifests/model', code: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n" },
  { name: 'service', where: 'manifests/model', code: "import { buildApp } from '../../src/app.js';\nexport const b = buildApp;\n" },
  { name: 'throw-core', where: 'manifests/model', code: "export function f(): never { throw new Error('x'); }\n" },
  { name: 'pure-ok', where: 'manifests/model', code: 'export function age(nowMs: number, iso: string): number { return nowMs - Date.parse(iso); }\n' },
  { name: 'throw-src', where: 'src/channels', code: "export function f(): never { throw new Error('x'); }\n" },
  { name: 'throw-test', where: 'test/lint', code: "export function f(): never { throw new Error('x'); }\n" },
  { name: 'any', where: 'src/channels', code: 'export function f(x: any): number { return Number(x); }\n' },
  {
    name: 'switch',
    where: 'src/channels',
    code: [
      "type Kind = 'media' | 'multivariant';",
      'export function f(k: Kind): number {',
      '  switch (k) {',
      "    case 'media': return 1;",
      '  }',
      '  return 0;',
      '}',
      '',
    ].join('\n'),
  },
];

const fileOf = (p: Probe): string => join(repoRoot, p.where, `lint-probe-${p.name}-${process.pid}.ts`);
const found = new Map<string, string[]>();

beforeAll(async () => {
  await Promise.all(probes.map((p) => writeFile(fileOf(p), p.code)));
  try {
    const results = await new ESLint({ cwd: repoRoot }).lintFiles(probes.map(fileOf));
    for (const p of probes) {
      const result = results.find((r) => r.filePath === fileOf(p));
      found.set(p.name, (result?.messages ?? []).map((m) => m.ruleId ?? m.message));
    }
  } finally {
    await Promise.all(probes.map((p) => rm(fileOf(p), { force: true })));
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(probes.map((p) => rm(fileOf(p), { force: true })));
});

const rulesOf = (name: string): string[] => found.get(name) ?? ['probe not linted'];

describe('manifests/ stays pure', () => {
  it.each([
    ['the clock', 'clock', 'no-restricted-properties'],
    ['randomness', 'random', 'no-restricted-properties'],
    ['the environment', 'env', 'no-restricted-properties'],
    ['a clock via new Date()', 'new-date', 'no-restricted-syntax'],
    ['file I/O', 'fs', 'no-restricted-imports'],
    ['the service', 'service', 'no-restricted-imports'],
    ['a thrown Error', 'throw-core', 'no-restricted-syntax'],
  ])('flags %s', (_what, probe, rule) => {
    expect(rulesOf(probe)).toContain(rule);
  });

  it('accepts time taken as an argument and a parsed date', () => {
    expect(rulesOf('pure-ok')).toEqual([]);
  });
});

describe('the service throws catalogue errors only', () => {
  it('flags throw new Error in src/', () => {
    expect(rulesOf('throw-src')).toContain('no-restricted-syntax');
  });

  it('allows it in tests', () => {
    expect(rulesOf('throw-test')).toEqual([]);
  });
});

describe('typed vocabulary', () => {
  it('flags any', () => {
    expect(rulesOf('any')).toContain('@typescript-eslint/no-explicit-any');
  });

  it('flags a switch that misses a member of a union', () => {
    expect(rulesOf('switch')).toContain('@typescript-eslint/switch-exhaustiveness-check');
  });
});
