// End-to-end playback: real hls.js in headless Chromium, playing the demo's HLS (H.264 + AAC in
// MPEG-TS, transmuxed to fMP4 by hls.js into MSE), with the shown frames drawn to a canvas
// and classified by colour. `stitched` plays the service's output through its ad breaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CODECS, startDemo, type DemoHandle } from '../../src/demo/index.js';
import { sharedDemoMedia } from '../src/demo/support.js';
import { browserSkipReason, launchBrowser, openHlsPlayer, playHls, type BrowserSession, type FrameSample, type PlaylistTimeline } from '../support/browser.js';
import { classifyCanvasFrame, framed, progressed, sawAdThenContent, sawContentThenAd } from './demo-expectations.js';
import { startHandStitchedVod, type HandStitchedVod } from './hand-stitched-origin.js';
import { aimableLiveClock, type AimableLiveClock } from './live-clock.js';
import { STITCHED_SERVICE_WIRED, STITCHED_SKIP_REASON, startStitchedService, type StitchedService } from './stitched-service.js';

const skipReason = browserSkipReason();
const suiteName = (name: string) => (skipReason === undefined ? name : `${name} (skipped: ${skipReason})`);

let demo: DemoHandle;
let browser: BrowserSession;
let liveClock: AimableLiveClock;

beforeAll(async () => {
  if (skipReason !== undefined) return;
  const media = await sharedDemoMedia();
  const content = media.catalog.hls.find((a) => a.id === 'content');
  liveClock = aimableLiveClock(content?.renditions[0]?.segments.length ?? 60);
  demo = await startDemo({ mediaDir: media.mediaDir, clock: liveClock });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const originUrl = (path: string) => new URL(path, demo.originBaseUrl).toString();

function labelsOf(samples: readonly FrameSample[]): string[] {
  return framed(samples).map((s) => s.label ?? '');
}

describe.skipIf(skipReason !== undefined)(suiteName('e2e playback harness (demo origin, unstitched)'), () => {
  it('the browser decodes the demo codecs through MSE', async () => {
    const page = await browser.newPage();
    await page.goto(browser.playerPageUrl);
    const supported = await page.evaluate(
      (codecs) => (globalThis as unknown as { MediaSource: { isTypeSupported(t: string): boolean } }).MediaSource.isTypeSupported(`video/mp4; codecs="${codecs}"`),
      DEMO_CODECS,
    );
    await page.close();
    expect(supported, `Chromium at this path cannot play ${DEMO_CODECS} through MSE`).toBe(true);
  });

  it('plays the demo VOD: test-card frames, playhead and decoded frames advance, no fatal error', async () => {
    const page = await browser.newPage();
    // 40 s is inside the first cue's span: unstitched, it is still content.
    const r = await playHls(page, originUrl(demo.paths.vod), { classify: classifyCanvasFrame, startAtSec: 40, durationMs: 3_000 });
    await page.close();
    expect(r.fatalErrors).toEqual([]);
    const labels = labelsOf(r.samples);
    expect(labels.length).toBeGreaterThanOrEqual(6);
    expect(new Set(labels)).toEqual(new Set(['content']));
    const moved = progressed(r.samples);
    expect(moved.seconds).toBeGreaterThan(1.5);
    expect(moved.frames).toBeGreaterThan(25);
    expect(r.samples.every((s) => s.currentTime >= 39.9)).toBe(true);
    const frags = r.events.filter((e) => e.kind === 'frag-changed');
    expect(frags.length).toBeGreaterThan(0);
    expect(frags.every((e) => e.url?.includes('/vod/') === true)).toBe(true);
  });

  it.each([
    ['ad-red', 'adRed'],
    ['ad-blue', 'adBlue'],
  ] as const)('plays the %s creative: its frames classify as %s', async (id, colour) => {
    const page = await browser.newPage();
    const r = await playHls(page, originUrl(`ads/${id}/master.m3u8`), { classify: classifyCanvasFrame, durationMs: 2_500 });
    await page.close();
    expect(r.fatalErrors).toEqual([]);
    const labels = labelsOf(r.samples);
    expect(labels.length).toBeGreaterThanOrEqual(4);
    expect(new Set(labels)).toEqual(new Set([colour]));
    expect(progressed(r.samples).frames).toBeGreaterThan(10);
  });

  it('plays the demo live stream from the live edge and reaches the aimed break on time: content frames, no fatal error', async () => {
    // Proves the timing model the stitched live test relies on: a player started right after
    // aim(3) plays the break's first segment (media sequence = segment number) about 3 s later.
    const upcoming = liveClock.aim(3);
    const page = await browser.newPage();
    const player = await openHlsPlayer(page, originUrl(demo.paths.live), { classify: classifyCanvasFrame });
    const startedMs = Date.now();
    await page.waitForFunction(
      (sn) => (globalThis as unknown as { __interlude: { events(): { kind: string; sn?: number }[] } }).__interlude.events().some((e) => e.kind === 'frag-changed' && (e.sn ?? -1) >= sn),
      upcoming.startSeq,
      { timeout: 12_000, polling: 100 },
    );
    const reachedAfterMs = Date.now() - startedMs;
    const samples = await player.collect({ durationMs: 1_500 });
    const timeline = await player.timeline();
    const events = await player.events();
    await page.close();
    expect(events.filter((e) => e.kind === 'error' && e.fatal === true)).toEqual([]);
    expect(timeline?.live).toBe(true);
    expect(reachedAfterMs).toBeLessThan(9_000);
    // The break's segment may not be the first one played: the player started before it.
    const firstSn = events.find((e) => e.kind === 'frag-changed')?.sn ?? Number.MAX_SAFE_INTEGER;
    expect(firstSn).toBeLessThan(upcoming.startSeq);
    expect(progressed(samples).seconds).toBeGreaterThan(0.8);
    // Unstitched, the break is still content.
    expect(labelsOf(samples).filter((l) => l !== 'content')).toEqual([]);
  });
});

// ---- stitched ---------------------------------------------------------------------------

/** Ad (and slate) fragments come through the service's segment route, or straight from the creatives. */
function isAdFragment(url: string): boolean {
  return url.includes('/v1/segment/') || url.includes('/ads/') || url.includes('/slate/');
}

interface Span {
  readonly start: number;
  readonly end: number;
}

function fragmentAt(timeline: PlaylistTimeline, t: number): PlaylistTimeline['fragments'][number] | undefined {
  return timeline.fragments.find((f) => f.start <= t && t < f.start + f.duration);
}

/** The runs of ad fragments in a VOD timeline, in media time. */
function adSpans(timeline: PlaylistTimeline): Span[] {
  const spans: Span[] = [];
  let open: number | undefined;
  for (const f of timeline.fragments) {
    if (isAdFragment(f.url)) {
      open ??= f.start;
    } else if (open !== undefined) {
      spans.push({ start: open, end: f.start });
      open = undefined;
    }
  }
  if (open !== undefined) spans.push({ start: open, end: timeline.totalDuration });
  return spans;
}

/**
 * Opens a stitched VOD, finds its ad spans from the playing level's fragments, and for each
 * one seeks 2 s before it (expects content, then an ad colour) and 2 s before its end
 * (expects an ad colour, then content). Returns the spans and the fragment URLs seen playing.
 */
async function playsVodThroughBreaks(masterUrl: string, expectedBreaks: number): Promise<{ spans: Span[]; fragUrls: string[] }> {
  const page = await browser.newPage();
  try {
    const player = await openHlsPlayer(page, masterUrl, { classify: classifyCanvasFrame });
    const timeline = await player.waitForTimeline();
    expect(timeline.live).toBe(false);
    const spans = adSpans(timeline);
    expect(spans).toHaveLength(expectedBreaks);
    const shown: FrameSample[] = [];
    for (const span of spans) {
      await player.seekTo(Math.max(0, span.start - 2));
      const into = await player.collect({ durationMs: 7_000, until: sawContentThenAd });
      expect(sawContentThenAd(into), `into the break at ${span.start} s: saw ${labelsOf(into).join(',')}`).toBe(true);
      await player.seekTo(Math.max(span.start, span.end - 2));
      const out = await player.collect({ durationMs: 7_000, until: sawAdThenContent });
      expect(sawAdThenContent(out), `out of the break ending ${span.end} s: saw ${labelsOf(out).join(',')}`).toBe(true);
      shown.push(...into, ...out);
    }
    const events = await player.events();
    expect(events.filter((e) => e.kind === 'error' && e.fatal === true)).toEqual([]);
    // FRAG_CHANGED can lag the first drawn frame of a fragment (a collect may stop on that
    // frame, before the event), so the fragments under the sampled playheads count too.
    const fragUrls = [
      ...events.filter((e) => e.kind === 'frag-changed').map((e) => e.url ?? ''),
      ...framed(shown).map((s) => fragmentAt(timeline, s.currentTime)?.url ?? ''),
    ];
    expect(fragUrls.some(isAdFragment)).toBe(true);
    return { spans, fragUrls };
  } finally {
    await page.close();
  }
}

describe.skipIf(skipReason !== undefined)(suiteName('e2e playback harness across discontinuities (hand-stitched VOD)'), () => {
  let stitched: HandStitchedVod;

  beforeAll(async () => {
    stitched = await startHandStitchedVod(demo);
  });

  afterAll(async () => {
    await stitched?.close();
  });

  it('crosses both pods of a hand-stitched VOD: content, ad colours, content; spans match the playlist', async () => {
    const { spans, fragUrls } = await playsVodThroughBreaks(stitched.masterUrl, 2);
    expect(spans.map((s) => [Math.round(s.start), Math.round(s.end)])).toEqual(stitched.adSpans.map((s) => [Math.round(s.start), Math.round(s.end)]));
    expect(fragUrls.some((u) => u.includes('/ads/ad-red/'))).toBe(true);
    expect(fragUrls.some((u) => u.includes('/ads/ad-blue/'))).toBe(true);
  }, 45_000);
});

describe.skipIf(skipReason !== undefined || !STITCHED_SERVICE_WIRED)(
  suiteName(STITCHED_SERVICE_WIRED ? 'stitched playback' : `stitched playback (skipped: ${STITCHED_SKIP_REASON})`),
  () => {
    let service: StitchedService;

    beforeAll(async () => {
      service = await startStitchedService(demo, liveClock);
    }, 60_000);

    afterAll(async () => {
      await service?.close();
    });

    it('plays the stitched VOD through both breaks: ad colours between content, no fatal error', async () => {
      const { spans, fragUrls } = await playsVodThroughBreaks(service.vodMasterUrl, 2);
      // The demo VOD cues breaks at 30 s and 90 s; the first pod replaces content from 30 s on.
      expect(Math.round(spans[0]?.start ?? -1)).toBe(30);
      // Ad segments come through the service's segment route (the beacon evidence), never direct.
      const ads = fragUrls.filter(isAdFragment);
      expect(ads.length).toBeGreaterThan(0);
      expect(ads.every((u) => u.includes('/v1/segment/'))).toBe(true);
    }, 60_000);

    it('plays the stitched live stream through a break: content, ad colours, content again, no fatal error', async () => {
      const upcoming = liveClock.aim(4);
      const page = await browser.newPage();
      const player = await openHlsPlayer(page, service.liveMasterUrl, { classify: classifyCanvasFrame });
      const samples = await player.collect({
        // ~6 s of content before the break, the break, then content: 20 s of margin on top,
        // because a loaded CI box starts the player late (measured here: ~28 s for a 20-s break).
        durationMs: (upcoming.durationSec + 20) * 1000,
        until: (s) => sawContentThenAd(s) && sawAdThenContent(s),
      });
      const fatal = await player.fatalErrors();
      const events = await player.events();
      await page.close();
      expect(fatal).toEqual([]);
      const fragUrls = events.filter((e) => e.kind === 'frag-changed').map((e) => e.url ?? '');
      expect(fragUrls.some((u) => u.includes('/v1/segment/'))).toBe(true);
      const labels = labelsOf(samples);
      expect(sawContentThenAd(samples), `saw ${labels.join(',')}`).toBe(true);
      expect(sawAdThenContent(samples), `saw ${labels.join(',')}`).toBe(true);
    }, 60_000);
  },
);
