import { randomUUID } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interludeError } from '../../errors/index.js';
import type { DemoLogger } from '../demo-logger.js';
import { DEMO_CODECS, DEMO_FPS, DEMO_HLS_ASSETS, DEMO_LADDER, DEMO_MEDIA_VERSION, DEMO_MP4_ASSETS, DEMO_SEGMENT_DURATION_SEC } from './demo-assets.js';
import type { DemoHlsAssetSpec, DemoMp4AssetSpec } from './demo-assets.js';
import { encodeHlsAsset, encodeMp4Asset, FFMPEG_PLAYLIST } from './encode.js';
import { resolveFfmpegBinaries } from './ffmpeg-binaries.js';
import {
  MEDIA_MANIFEST_FILE,
  mediaCatalogSchema,
  readFfmpegMediaPlaylist,
  type DemoHlsAsset,
  type DemoMediaCatalog,
  type DemoMp4Asset,
  type DemoRendition,
} from './media-catalog.js';

export interface EnsureDemoMediaOptions {
  /** Cache directory; default `var/demo-media/` under the repository root. */
  readonly mediaDir?: string;
  /** Default: `FFMPEG_PATH`, else the bundled binary. */
  readonly ffmpegPath?: string;
  readonly logger?: DemoLogger;
}

export interface DemoMedia {
  readonly mediaDir: string;
  readonly catalog: DemoMediaCatalog;
  /** True when this call ran ffmpeg; false when a valid cache was found. */
  readonly generated: boolean;
  /** Wall time of this call (ms): the whole generation, or the cache check. */
  readonly elapsedMs: number;
}

/**
 * Returns the demo media, generating it once. Concurrent callers (test workers, two service
 * processes) need no lock: each generates into its own temporary sibling directory and
 * publishes it with one rename; a loser whose rename finds a valid directory already there
 * throws its copy away. The manifest is written last, so a half-written directory is never
 * mistaken for a cache.
 */
export async function ensureDemoMedia(options: EnsureDemoMediaOptions = {}): Promise<DemoMedia> {
  const started = performance.now();
  const mediaDir = resolve(options.mediaDir ?? defaultDemoMediaDir());
  const cached = await loadValidCatalog(mediaDir);
  if (cached !== undefined) {
    return { mediaDir, catalog: cached, generated: false, elapsedMs: performance.now() - started };
  }
  const ffmpegPath = options.ffmpegPath ?? resolveFfmpegBinaries().ffmpegPath;
  // fluent-ffmpeg crashes the process (an uncaught TypeError in its exit handler) when the
  // binary cannot be spawned, so a missing or non-executable ffmpeg is caught here first.
  try {
    await access(ffmpegPath, constants.X_OK);
  } catch (e) {
    throw interludeError('INTERNAL', `demo media: ffmpeg is not executable at ${ffmpegPath} (set FFMPEG_PATH)`, { ffmpegPath }, { cause: e });
  }
  options.logger?.info({ mediaDir }, 'demo media: generating (first start only)');
  await mkdir(dirname(mediaDir), { recursive: true });
  const tmp = `${mediaDir}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    const catalog = await generateInto(tmp, ffmpegPath, started);
    await writeFile(join(tmp, MEDIA_MANIFEST_FILE), JSON.stringify(catalog, null, 2));
    const published = await publishMediaDir(tmp, mediaDir);
    options.logger?.info({ mediaDir, generationMs: Math.round(catalog.generationMs) }, 'demo media: generated');
    return { mediaDir, catalog: published, generated: true, elapsedMs: performance.now() - started };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** `var/demo-media` under the nearest ancestor holding package.json (works from src/ and dist/). */
export function defaultDemoMediaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'var', 'demo-media');
    const parent = dirname(dir);
    if (parent === dir) return resolve('var', 'demo-media');
    dir = parent;
  }
}

/** The catalog in `mediaDir` if it has this generator's version and all its files; else undefined. */
export async function loadValidCatalog(mediaDir: string): Promise<DemoMediaCatalog | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(mediaDir, MEDIA_MANIFEST_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const result = mediaCatalogSchema.safeParse(parsed);
  if (!result.success || result.data.generatorVersion !== DEMO_MEDIA_VERSION) return undefined;
  const catalog = result.data;
  const files = [
    ...catalog.hls.flatMap((a) => a.renditions.flatMap((r) => r.segments.map((s) => join(mediaDir, a.id, s.file)))),
    ...catalog.mp4.map((m) => join(mediaDir, m.file)),
  ];
  return files.every((f) => existsSync(f)) ? catalog : undefined;
}

async function generateInto(dir: string, ffmpegPath: string, started: number): Promise<DemoMediaCatalog> {
  await mkdir(dir, { recursive: true });
  // Two jobs at a time: x264 threads well, but the lavfi sources and the AAC encoder do not,
  // so a second job fills the gaps. The 2-minute content goes first: it is the long pole.
  const jobs: (() => Promise<void>)[] = [
    ...DEMO_HLS_ASSETS.map((spec) => () => encodeHlsAsset(spec, join(dir, spec.id), ffmpegPath)),
    ...DEMO_MP4_ASSETS.map((spec) => () => encodeMp4Asset(spec, join(dir, mp4File(spec)), ffmpegPath)),
  ];
  await runPool(jobs, 2);
  const hls = await Promise.all(DEMO_HLS_ASSETS.map((spec) => describeHlsAsset(dir, spec)));
  const mp4 = await Promise.all(DEMO_MP4_ASSETS.map((spec) => describeMp4Asset(dir, spec)));
  return {
    generatorVersion: DEMO_MEDIA_VERSION,
    segmentDurationSec: DEMO_SEGMENT_DURATION_SEC,
    generationMs: Math.round(performance.now() - started),
    hls,
    mp4,
  };
}

/** Runs jobs `width` at a time; after a failure no new job starts, and the first error is thrown once all running jobs are done. */
async function runPool(jobs: readonly (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < jobs.length) {
      const job = jobs[next++];
      try {
        if (job !== undefined) await job();
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: width }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected !== undefined) throw rejected.reason;
}

function mp4File(spec: DemoMp4AssetSpec): string {
  return `${spec.id}.mp4`;
}

async function describeHlsAsset(dir: string, spec: DemoHlsAssetSpec): Promise<DemoHlsAsset> {
  const renditions: DemoRendition[] = [];
  for (const r of DEMO_LADDER) {
    const text = await readFile(join(dir, spec.id, r.name, FFMPEG_PLAYLIST), 'utf8');
    const entries = readFfmpegMediaPlaylist(text);
    const segments = await Promise.all(
      entries.map(async (e) => {
        const file = `${r.name}/${e.uri.split('/').pop() ?? e.uri}`;
        return { file, durationSec: e.durationSec, bytes: (await stat(join(dir, spec.id, file))).size };
      }),
    );
    const totalBits = segments.reduce((n, s) => n + s.bytes * 8, 0);
    const totalSec = segments.reduce((n, s) => n + s.durationSec, 0);
    const peak = Math.max(...segments.map((s) => (s.bytes * 8) / s.durationSec));
    renditions.push({
      name: r.name,
      width: r.width,
      height: r.height,
      bandwidth: Math.ceil(peak),
      averageBandwidth: Math.ceil(totalBits / totalSec),
      codecs: DEMO_CODECS,
      frameRate: DEMO_FPS,
      segments,
    });
  }
  return { id: spec.id, kind: spec.kind, title: spec.title, durationSec: spec.durationSec, renditions };
}

async function describeMp4Asset(dir: string, spec: DemoMp4AssetSpec): Promise<DemoMp4Asset> {
  const file = mp4File(spec);
  const bytes = (await stat(join(dir, file))).size;
  return {
    id: spec.id,
    title: spec.title,
    file,
    durationSec: spec.durationSec,
    width: spec.width,
    height: spec.height,
    bitrate: Math.ceil((bytes * 8) / spec.durationSec),
    bytes,
  };
}

/**
 * Moves the finished `tmp` into place. If another process won the race with a valid copy,
 * that copy is used; a stale or broken directory is moved aside and replaced.
 */
export async function publishMediaDir(tmp: string, mediaDir: string): Promise<DemoMediaCatalog> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await rename(tmp, mediaDir);
      const catalog = await loadValidCatalog(mediaDir);
      if (catalog !== undefined) return catalog;
    } catch (e) {
      if (!isExistsError(e)) throw e;
    }
    const existing = await loadValidCatalog(mediaDir);
    if (existing !== undefined) return existing;
    const stale = `${mediaDir}.stale-${process.pid}-${randomUUID().slice(0, 8)}`;
    await rename(mediaDir, stale).catch(() => undefined);
    await rm(stale, { recursive: true, force: true });
  }
  const last = await loadValidCatalog(mediaDir);
  if (last !== undefined) return last;
  throw interludeError('INTERNAL', `demo media: could not publish ${mediaDir}`, { mediaDir });
}

function isExistsError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM' || code === 'ENOTDIR';
}
