// Real playback in headless Chromium (the system's Debian build, never a downloaded one),
// driven by playwright-core, with hls.js served from node_modules by a loopback server: no CDN,
// no network. The player page draws the shown video frame onto a small canvas so a test can
// tell, by pixels, which asset is on screen (see classifyDemoFrame in src/demo).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PLAYER_PAGE_HTML, type PageEvent, type PageSample, type PageTimeline, type PlayerGlobal } from './browser-player-page.js';

export { SAMPLE_HEIGHT, SAMPLE_WIDTH, type PageFragment as TimelineFragment, type PageTimeline as PlaylistTimeline } from './browser-player-page.js';

export const CHROMIUM_PATH = process.env.INTERLUDE_CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
  // Timers and rendering must not be slowed for a page nobody looks at.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/**
 * Why the browser suites must skip here, or undefined when they must run. Only a developer
 * machine without Chromium skips; in CI (`CI` set) a missing browser is a failure, so
 * launchBrowser() is left to fail loudly.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env.CI !== undefined && process.env.CI !== '') return undefined;
  return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set INTERLUDE_CHROMIUM_PATH)`;
}

export interface BrowserSession {
  readonly context: BrowserContext;
  /** Where the player page is served (loopback). */
  readonly playerPageUrl: string;
  newPage(): Promise<Page>;
  /** Closes the browser, the page server and removes the temporary profile. Idempotent. */
  close(): Promise<void>;
}

const pageServers = new WeakMap<BrowserContext, string>();

/** Starts headless Chromium with a fresh profile, and the loopback server of the player page. */
export async function launchBrowser(): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`launchBrowser: no Chromium at ${CHROMIUM_PATH}; CI must install it (apt-get install chromium)`);
  }
  const server = await startPageServer();
  const profile = await mkdtemp(join(tmpdir(), 'interlude-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (e) {
    await closeServer(server.server);
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  pageServers.set(context, server.url);
  let closed: Promise<void> | undefined;
  return {
    context,
    playerPageUrl: server.url,
    newPage: () => context.newPage(),
    close() {
      closed ??= (async () => {
        await context.close().catch(() => undefined);
        await closeServer(server.server);
        await rm(profile, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}

async function startPageServer(): Promise<{ server: Server; url: string }> {
  const hlsJs = await readFile(createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js'));
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/hls.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=3600' }).end(hlsJs);
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PLAYER_PAGE_HTML);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// ---- the player ---------------------------------------------------------------------

/** A hls.js event as the page recorded it; `atMs` counts from the page's load. */
export type HlsEvent = PageEvent;

/** Turns a frame's RGBA pixels into a label (e.g. classifyDemoFrame). */
export type FrameClassifier = (rgba: Uint8Array) => string;

export interface FrameSample {
  /** Milliseconds since the player page loaded. */
  readonly atMs: number;
  readonly currentTime: number;
  readonly paused: boolean;
  /** HTMLMediaElement.readyState; frames are only drawn from 2 (HAVE_CURRENT_DATA) up. */
  readonly readyState: number;
  /** getVideoPlaybackQuality(): frames decoded and dropped so far. */
  readonly decodedFrames: number;
  readonly droppedFrames: number;
  /** URL of the fragment hls.js last reported as playing (FRAG_CHANGED). */
  readonly fragUrl: string | undefined;
  /** RGBA, SAMPLE_WIDTH × SAMPLE_HEIGHT; undefined while no frame can be drawn. */
  readonly pixels: Uint8Array | undefined;
  readonly meanRgb: readonly [number, number, number] | undefined;
  /** The classifier's label, when the player has one and a frame was drawn. */
  readonly label: string | undefined;
}

export interface OpenPlayerOptions {
  /** Merged over the page's defaults (JSON only: it crosses into the page). */
  readonly hlsConfig?: Readonly<Record<string, string | number | boolean>>;
  readonly classify?: FrameClassifier;
  /** For the multivariant to load and parse (default 15 s). */
  readonly timeoutMs?: number;
}

export interface CollectOptions {
  readonly durationMs: number;
  /** Default 250. */
  readonly sampleEveryMs?: number;
  /** Stops early once this holds for the samples so far (keeps live tests short). */
  readonly until?: (samples: readonly FrameSample[]) => boolean;
}

export interface HlsPlayer {
  readonly page: Page;
  /** Seeks and waits for `seeked` (default timeout 10 s). */
  seekTo(timeSec: number, timeoutMs?: number): Promise<void>;
  sample(): Promise<FrameSample>;
  collect(options: CollectOptions): Promise<FrameSample[]>;
  /** Every hls.js event recorded so far (errors, level switches, fragment changes, …). */
  events(): Promise<HlsEvent[]>;
  fatalErrors(): Promise<HlsEvent[]>;
  /** The fragments of the level playing now, with discontinuity counters; undefined before the first level loads. */
  timeline(): Promise<PageTimeline | undefined>;
  /** Waits for the first level's playlist, then returns its timeline (default timeout 10 s). */
  waitForTimeline(timeoutMs?: number): Promise<PageTimeline>;
  /** Waits until the playhead has passed `timeSec` with a frame shown. */
  waitForPlayhead(timeSec: number, timeoutMs?: number): Promise<void>;
}

/**
 * Opens the player page in `page`, attaches hls.js to a muted autoplaying <video> and loads
 * `url`. Resolves once the multivariant is parsed; rejects on a fatal error before that.
 * The page must belong to a context made by launchBrowser().
 */
export async function openHlsPlayer(page: Page, url: string, options: OpenPlayerOptions = {}): Promise<HlsPlayer> {
  const pageUrl = pageServers.get(page.context());
  if (pageUrl === undefined) throw new Error('openHlsPlayer: the page does not come from launchBrowser()');
  await page.goto(pageUrl);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const loaded = await page.evaluate(
    ([u, cfg, ms]) => (globalThis as unknown as PlayerGlobal).__interlude.load(u, cfg, ms),
    [url, options.hlsConfig ?? {}, timeoutMs] as const,
  );
  if (!loaded.ok) throw new Error(`openHlsPlayer: ${url} did not load: ${loaded.reason}`);
  const classify = options.classify;
  const player: HlsPlayer = {
    page,
    async seekTo(timeSec, ms = 10_000) {
      const r = await page.evaluate(([t, m]) => (globalThis as unknown as PlayerGlobal).__interlude.seek(t, m), [timeSec, ms] as const);
      if (!r.ok) throw new Error(`seekTo(${timeSec}): ${r.reason}`);
    },
    async sample() {
      return toSample(await page.evaluate(() => (globalThis as unknown as PlayerGlobal).__interlude.sample()), classify);
    },
    async collect({ durationMs, sampleEveryMs = 250, until }) {
      const samples: FrameSample[] = [];
      const end = Date.now() + durationMs;
      while (Date.now() < end) {
        const started = Date.now();
        samples.push(await player.sample());
        if (until?.(samples) === true) break;
        await sleep(Math.max(0, sampleEveryMs - (Date.now() - started)));
      }
      return samples;
    },
    events: () => page.evaluate(() => (globalThis as unknown as PlayerGlobal).__interlude.events()),
    async fatalErrors() {
      return (await player.events()).filter((e) => e.kind === 'error' && e.fatal === true);
    },
    timeline: () => page.evaluate(() => (globalThis as unknown as PlayerGlobal).__interlude.timeline()),
    async waitForTimeline(ms = 10_000) {
      const handle = await page.waitForFunction(() => (globalThis as unknown as PlayerGlobal).__interlude.timeline(), undefined, { timeout: ms, polling: 100 });
      return (await handle.jsonValue()) as PageTimeline;
    },
    async waitForPlayhead(timeSec, ms = 20_000) {
      await page.waitForFunction(
        (t) => (globalThis as unknown as PlayerGlobal).__interlude.playheadPast(t),
        timeSec,
        { timeout: ms, polling: 100 },
      );
    },
  };
  return player;
}

export interface PlayHlsOptions extends OpenPlayerOptions, CollectOptions {
  /** Seek here first (VOD), instead of watching from the start in real time. */
  readonly startAtSec?: number;
}

export interface PlaybackResult {
  readonly samples: FrameSample[];
  readonly events: HlsEvent[];
  readonly fatalErrors: HlsEvent[];
  /** Labels of the samples that had a frame, consecutive repeats collapsed: ['content', 'adRed', 'content']. */
  readonly labelRuns: string[];
}

/** One-shot: open, optionally seek, sample for `durationMs`, return what was seen and every event. */
export async function playHls(page: Page, url: string, options: PlayHlsOptions): Promise<PlaybackResult> {
  const player = await openHlsPlayer(page, url, options);
  if (options.startAtSec !== undefined) await player.seekTo(options.startAtSec);
  const samples = await player.collect(options);
  const events = await player.events();
  return { samples, events, fatalErrors: events.filter((e) => e.kind === 'error' && e.fatal === true), labelRuns: labelRuns(samples) };
}

/** Sample labels with consecutive repeats collapsed; samples without a frame are left out. */
export function labelRuns(samples: readonly FrameSample[]): string[] {
  const runs: string[] = [];
  for (const s of samples) {
    if (s.label === undefined) continue;
    if (runs[runs.length - 1] !== s.label) runs.push(s.label);
  }
  return runs;
}

function toSample(raw: PageSample, classify: FrameClassifier | undefined): FrameSample {
  const pixels = raw.pixelsBase64 === null ? undefined : new Uint8Array(Buffer.from(raw.pixelsBase64, 'base64'));
  return {
    atMs: raw.atMs,
    currentTime: raw.currentTime,
    paused: raw.paused,
    readyState: raw.readyState,
    decodedFrames: raw.decodedFrames,
    droppedFrames: raw.droppedFrames,
    fragUrl: raw.fragUrl ?? undefined,
    pixels,
    meanRgb: pixels === undefined ? undefined : meanRgb(pixels),
    label: pixels === undefined || classify === undefined ? undefined : classify(pixels),
  };
}

function meanRgb(rgba: Uint8Array): [number, number, number] {
  const sum = [0, 0, 0];
  const n = Math.max(1, Math.floor(rgba.length / 4));
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    sum[0]! += rgba[i]!;
    sum[1]! += rgba[i + 1]!;
    sum[2]! += rgba[i + 2]!;
  }
  return [Math.round(sum[0]! / n), Math.round(sum[1]! / n), Math.round(sum[2]! / n)];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
