import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MANIFEST_ERROR_CODES } from '../../../manifests/errors.js';
import { SERVICE_ERROR_CODES } from '../../../src/errors/codes.js';

const docPath = fileURLToPath(new URL('../../../docs/errors.md', import.meta.url));
const doc = readFileSync(docPath, 'utf8');

interface Row { code: string; severity: string; status?: number }

/** Table rows under the `## <heading>` section: "| `CODE` | severity | [status |] …". */
function rowsUnder(heading: string): Row[] {
  const start = doc.indexOf(`## ${heading}`);
  expect(start, `docs/errors.md has no "## ${heading}" section`).toBeGreaterThanOrEqual(0);
  const rest = doc.slice(start + 3);
  const end = rest.indexOf('\n## ');
  const section = end === -1 ? rest : rest.slice(0, end);
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    const m = /^\|\s*`([A-Z0-9_]+)`\s*\|\s*([a-z]+)\s*\|(?:\s*(\d{3})\s*\|)?/.exec(line);
    if (m) rows.push({ code: m[1]!, severity: m[2]!, ...(m[3] ? { status: Number(m[3]) } : {}) });
  }
  return rows;
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

describe('docs/errors.md', () => {
  const serviceRows = rowsUnder('Service errors');
  const coreRows = rowsUnder('Pure core errors');

  it('documents every service error code with its catalogue severity and status', () => {
    const byCode = new Map(serviceRows.map((r) => [r.code, r]));
    const problems: string[] = [];
    for (const [code, info] of Object.entries(SERVICE_ERROR_CODES)) {
      const row = byCode.get(code);
      const wanted = `| \`${code}\` | ${info.severity} | ${info.status} | ${esc(info.description)} |`;
      if (!row) problems.push(`missing row, add under "## Service errors":\n${wanted}`);
      else if (row.severity !== info.severity || row.status !== info.status) problems.push(`row for ${code} disagrees with the catalogue; expected:\n${wanted}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('documents every pure-core error code (manifests/errors.ts) with its severity', () => {
    const byCode = new Map(coreRows.map((r) => [r.code, r]));
    const problems: string[] = [];
    for (const [code, info] of Object.entries(MANIFEST_ERROR_CODES)) {
      const row = byCode.get(code);
      const wanted = `| \`${code}\` | ${info.severity} | ${esc(info.description)} |`;
      if (!row) problems.push(`missing row, add under "## Pure core errors":\n${wanted}`);
      else if (row.severity !== info.severity) problems.push(`row for ${code} disagrees with the catalogue; expected:\n${wanted}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('names no code that is not in its catalogue, and none twice', () => {
    const stale = [
      ...serviceRows.filter((r) => !(r.code in SERVICE_ERROR_CODES)).map((r) => `service: ${r.code}`),
      ...coreRows.filter((r) => !(r.code in MANIFEST_ERROR_CODES)).map((r) => `core: ${r.code}`),
    ];
    expect(stale, `rows for codes that no longer exist: ${stale.join(', ')}`).toEqual([]);
    const all = [...serviceRows, ...coreRows].map((r) => r.code);
    expect(all.filter((c, i) => all.indexOf(c) !== i)).toEqual([]);
  });

  it('would catch a missing code (the parser sees every table row)', () => {
    // guards the guard: if the row regex broke, every check above would pass vacuously
    expect(serviceRows.length).toBe(Object.keys(SERVICE_ERROR_CODES).length);
    expect(coreRows.length).toBe(Object.keys(MANIFEST_ERROR_CODES).length);
  });
});
