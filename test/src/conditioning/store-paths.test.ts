import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStoreFile, storeBaseUrl, storeFilePath } from '../../../src/conditioning/store-paths.js';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { tempDir } from '../../transcode/support/media.js';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir('store-paths'));
  await mkdir(join(root, 'k1', 'v0'), { recursive: true });
  await writeFile(join(root, 'k1', 'v0', 'index.m3u8'), '#EXTM3U\n');
  await mkdir(join(root, '.staging', 'k2'), { recursive: true });
  await writeFile(join(root, '.staging', 'k2', 'master.m3u8'), '#EXTM3U\n');
});
afterEach(async () => {
  await cleanup();
});

describe('store paths', () => {
  it('maps store-relative paths inside the root only', () => {
    expect(storeFilePath(root, 'k1/v0/index.m3u8')).toBe(join(root, 'k1', 'v0', 'index.m3u8'));
    for (const bad of ['../etc/passwd', 'k1/../../x', '.staging/k2/master.m3u8', 'k1/%2e%2e/%2e%2e/x', 'k1//x', 'k1', 'k1/%2fetc', 'k1/%', 'k1/a\\b']) {
      expect(storeFilePath(root, bad), bad).toBeUndefined();
    }
  });

  it('reads published playlists by their /creatives URL, never staged ones', async () => {
    expect(await readStoreFile(root, '/creatives/k1/v0/index.m3u8')).toBe('#EXTM3U\n');
    expect(await readStoreFile(root, '/creatives/.staging/k2/master.m3u8')).toBeUndefined();
    expect(await readStoreFile(root, '/creatives/k1/v0/missing.m3u8')).toBeUndefined();
    expect(await readStoreFile(root, '/elsewhere/k1/v0/index.m3u8')).toBeUndefined();
  });

  it('uses the CDN base when configured, else /creatives', () => {
    expect(storeBaseUrl(DEFAULT_CONFIG.conditioning)).toBe('/creatives');
    expect(storeBaseUrl({ ...DEFAULT_CONFIG.conditioning, publicBaseUrl: 'https://cdn.example.com/ads/' })).toBe('https://cdn.example.com/ads');
  });
});
