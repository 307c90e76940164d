/**
 * Where the filesystem creative store lives and how its public paths map to files. The
 * service serves the store under CREATIVES_PATH (`/creatives/<key>/...`) unless a CDN
 * (`conditioning.publicBaseUrl`) mirrors it; the player path reads conditioned playlists
 * straight from disk through `readStoreFile` (no HTTP round trip to itself).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConditioningConfig } from '../config/index.js';

export const CREATIVES_PATH = '/creatives';

/** `var/creatives/` under the repository root (where package.json is), else under the cwd. */
export function defaultStoreDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'var', 'creatives');
    const parent = dirname(dir);
    if (parent === dir) return resolve('var', 'creatives');
    dir = parent;
  }
}

export function storeDirOf(config: ConditioningConfig): string {
  return resolve(config.storeDir ?? defaultStoreDir());
}

/** The store's URL base: the CDN's when configured, else the service-relative `/creatives`. */
export function storeBaseUrl(config: ConditioningConfig): string {
  return (config.publicBaseUrl ?? CREATIVES_PATH).replace(/\/+$/, '');
}

/**
 * The file behind a store-relative path (`<key>/v0/index.m3u8`), or undefined when the path
 * is not one a player may read: empty parts, dot-files (`.staging`), `..`, or outside root.
 */
export function storeFilePath(rootDir: string, relative: string): string | undefined {
  let parts: string[];
  try {
    parts = relative.split('/').map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  if (parts.length < 2 || parts.some((p) => p === '' || p.startsWith('.') || p.includes('/') || p.includes('\\') || p.includes('\0'))) return undefined;
  const root = resolve(rootDir);
  const full = resolve(root, ...parts);
  return full.startsWith(root + sep) ? full : undefined;
}

/** A playlist of the store by its service-relative URL (`/creatives/...`); undefined when absent. */
export async function readStoreFile(rootDir: string, url: string): Promise<string | undefined> {
  const path = new URL(url, 'http://store.invalid').pathname;
  if (!path.startsWith(`${CREATIVES_PATH}/`)) return undefined;
  const file = storeFilePath(rootDir, path.slice(CREATIVES_PATH.length + 1));
  if (file === undefined) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
