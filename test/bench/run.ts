/**
 * `npm run bench`: imports every *.bench.ts in this folder (each registers suites through
 * harness.ts) and runs them in file-name order. `npm run bench -- hls` runs only files whose
 * name contains "hls".
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runSuites } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (filter === undefined || f.includes(filter)))
  .sort();

for (const f of files) await import(pathToFileURL(`${here}/${f}`).href);
console.log(`node ${process.version}, ${files.length} bench file(s): ${files.join(', ')}`);
runSuites();
