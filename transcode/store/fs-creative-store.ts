/**
 * `CreativeStore` on a local directory, served by the service under a base URL (e.g.
 * `/creatives`, or a CDN origin that mirrors the directory).
 *
 * Layout: `<root>/<key>/master.m3u8`, `<root>/<key>/v0/index.m3u8`, segments, and
 * `<root>/<key>/conditioned.json` (the record, written last inside the staged directory).
 * Staging happens in `<root>/.staging/` so the publishing rename never crosses a filesystem.
 */
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TranscodeError } from '../errors.js';
import type { ConditionedCreative, ConditionedRecord } from './conditioned-creative.js';
import type { CreativeStatus, CreativeStore } from './creative-store.js';

export const RECORD_FILE = 'conditioned.json';
const KEY = /^[A-Za-z0-9._-]{1,200}$/;

export interface FsCreativeStoreOptions {
  readonly rootDir: string;
  /** Prefix of public URLs, without trailing slash: `/creatives`, `https://cdn.example.com/ads`. */
  readonly baseUrl: string;
}

export function createFsCreativeStore(options: FsCreativeStoreOptions): CreativeStore {
  const base = options.baseUrl.replace(/\/+$/, '');
  const staging = join(options.rootDir, '.staging');
  const dirOf = (key: string) => join(options.rootDir, checkKey(key));
  const urlFor = (key: string, relativePath: string) => `${base}/${encodeURIComponent(key)}/${relativePath.split('/').map(encodeURIComponent).join('/')}`;

  const withUrls = (key: string, r: ConditionedRecord): ConditionedCreative => ({
    ...r,
    multivariantUrl: urlFor(key, r.multivariantPath),
    renditions: r.renditions.map((x) => ({ ...x, playlistUrl: urlFor(key, x.playlistPath) })),
  });

  const get = async (key: string): Promise<ConditionedCreative | undefined> => {
    let text: string;
    try {
      text = await readFile(join(dirOf(key), RECORD_FILE), 'utf8');
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw storeFailed(key, e);
    }
    try {
      return withUrls(key, JSON.parse(text) as ConditionedRecord);
    } catch (e) {
      throw storeFailed(key, e);
    }
  };

  return {
    get,
    urlFor,
    async status(key): Promise<CreativeStatus> {
      try {
        await stat(join(dirOf(key), RECORD_FILE));
        return 'ready';
      } catch (e) {
        if (isNotFound(e)) return 'absent';
        throw storeFailed(key, e);
      }
    },
    async stage(key) {
      try {
        await mkdir(staging, { recursive: true });
        return await mkdtemp(join(staging, `${checkKey(key)}-`));
      } catch (e) {
        throw storeFailed(key, e);
      }
    },
    async commit(key, stagedDir, record) {
      const target = dirOf(key);
      try {
        await writeFile(join(stagedDir, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
        await rename(stagedDir, target);
      } catch (e) {
        // Lost the race: a complete copy is already published (rename onto a non-empty dir fails).
        const existing = await get(key).catch(() => undefined);
        if (existing !== undefined) {
          await rm(stagedDir, { recursive: true, force: true });
          return existing;
        }
        throw storeFailed(key, e);
      }
      return withUrls(key, record);
    },
    async discard(stagedDir) {
      await rm(stagedDir, { recursive: true, force: true });
    },
  };
}

function checkKey(key: string): string {
  if (!KEY.test(key) || key.startsWith('.')) throw new TranscodeError('TRANSCODE_STORE_FAILED', `bad store key ${JSON.stringify(key)}`, { key, reason: 'bad key' });
  return key;
}

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT';
}

function storeFailed(key: string, e: unknown): TranscodeError {
  const reason = e instanceof Error ? e.message : String(e);
  return new TranscodeError('TRANSCODE_STORE_FAILED', `creative store: ${reason}`, { key, reason }, { cause: e });
}
