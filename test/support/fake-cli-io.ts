// A CliIo for command tests: output collected in strings, sources read from `files` first and
// then from disk, with the CLI's own kind of error for a source that cannot be read.
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../../src/cli/command.js';

export function fakeCliIo(files: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    write(text: string) { io.out += text; },
    error(text: string) { io.err += text; },
    async *readLines(): AsyncIterable<string> { /* no stdin in these tests */ },
    async readSource(path: string) {
      const inline = files[path];
      if (inline !== undefined) return inline;
      try {
        return await readFile(path, 'utf8');
      } catch {
        throw Object.assign(new Error(`${path}: ENOENT`), { code: 'CLI_SOURCE_UNREADABLE' });
      }
    },
  };
  return io;
}
