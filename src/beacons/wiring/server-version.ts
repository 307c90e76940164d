/**
 * The package version, for the server's User-Agent on beacons (`Interlude/<version>`).
 * Read once from package.json next to the source or the build (dist/src/… → ../../..).
 */
import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const rel of ['../../../package.json', '../../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'interlude' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not at this level (source vs build layout): try the next
    }
  }
  return '0.0.0';
}

export const SERVER_VERSION: string = readVersion();
