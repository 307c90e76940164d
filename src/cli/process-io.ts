import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { CliIo } from './command.js';

const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

class CliSourceError extends Error {
  readonly code = 'CLI_SOURCE_UNREADABLE';
}

async function readSource(pathOrUrl: string): Promise<string> {
  if (/^https?:\/\//i.test(pathOrUrl)) {
    const res = await fetch(pathOrUrl, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new CliSourceError(`${pathOrUrl}: HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > MAX_SOURCE_BYTES) throw new CliSourceError(`${pathOrUrl}: larger than ${MAX_SOURCE_BYTES} bytes`);
    return text;
  }
  try {
    return await readFile(pathOrUrl, 'utf8');
  } catch (e) {
    throw new CliSourceError(`${pathOrUrl}: ${(e as NodeJS.ErrnoException).code ?? 'cannot read'}`);
  }
}

/** The real process's standard streams, for `bin/interlude.js`. */
export const processIo: CliIo = {
  write: (text) => { process.stdout.write(text); },
  error: (text) => { process.stderr.write(text); },
  readLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  readSource,
};
