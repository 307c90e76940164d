// Every playlist under the shared vectors (hls-splice, m3u8-parser, grafov/m3u8, SCTE-35 spec
// examples) must come back byte for byte after CRLF normalisation. Files that are not
// playlists (no #EXTM3U before the first meaningful line) must be refused as such.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHls, serializeHls } from '../../../manifests/hls/index.js';
import { vectorPath, vectorsAvailable } from '../../support/vectors.js';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

/** Independent of the parser: the first line that is neither blank nor a plain comment is #EXTM3U. */
function looksLikePlaylist(text: string): boolean {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || (line.startsWith('#') && !line.startsWith('#EXT'))) continue;
    return /^#EXTM3U\s*$/.test(line);
  }
  return false;
}

describe.skipIf(!vectorsAvailable)('HLS vectors round-trip', () => {
  const root = vectorPath('hls');
  const files = vectorsAvailable ? walk(root).filter((f) => /\.(m3u8?|m3u8\.txt|txt)$/i.test(f)).sort() : [];

  it('finds the vector playlists', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const result = parseHls(text);
    if (!looksLikePlaylist(text)) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('HLS_NOT_A_PLAYLIST');
      return;
    }
    if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
    expect(serializeHls(result.value)).toBe(text.replace(/\r\n/g, '\n'));
  });
});
