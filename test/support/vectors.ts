// Third-party vectors live beside the checkout in ../shared/vectors and are read in place.
// On a user's clone the folder is absent: those suites are skipped and say so.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = process.env.INTERLUDE_VECTORS_DIR ?? join(repoRoot, '..', 'shared', 'vectors');

export const vectorsAvailable = existsSync(dir);
if (!vectorsAvailable) {
  console.warn(`[vectors] ${dir} is absent: third-party conformance tests are skipped.`);
}

/** Absolute path of a file under the shared vectors folder. */
export function vectorPath(...parts: string[]): string {
  return join(dir, ...parts);
}

export function fixturePath(...parts: string[]): string {
  return join(repoRoot, 'fixtures', ...parts);
}
