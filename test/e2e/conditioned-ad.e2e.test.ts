// End-to-end playback of a conditioned ad: the demo ad server's MP4-only creative
// (ad-yellow-mp4, 480x270@30, solid yellow) is skipped by the first session while its job runs,
// conditioned by the embedded worker into the content's ladder (temporary store), and then
// shown by real hls.js in Chromium in a later session, its segments redirected to /creatives/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreativeView } from '../../src/conditioning/creative-status.js';
import { startDemo, type DemoHandle } from '../../src/demo/index.js';
import type { TrackingJson } from '../../src/beacons/tracking/tracking-types.js';
import { sharedDemoMedia } from '../src/demo/support.js';
import { browserSkipReason, launchBrowser, openHlsPlayer, type BrowserSession, type FrameSample, type PlaylistTimeline } from '../support/browser.js';
import { classifyCanvasFrame, framed } from './demo-expectations.js';
import { STITCHED_SERVICE_WIRED, startStitchedService, type StitchedService } from './stitched-service.js';

const YELLOW_AD_ID = 'ad-yellow-mp4';
const YELLOW = 'mp4Yellow';
/** Conditioning takes ~5 s on an idle machine; the bound leaves room for a loaded CI box. */
const READY_WITHIN_MS = 40_000;

const skipReason = browserSkipReason();
const suiteName = (name: string) => (skipReason === undefined ? name : `${name} (skipped: ${skipReason})`);

let demo: DemoHandle;
let browser: BrowserSession;
let service: StitchedService;

beforeAll(async () => {
  if (skipReason !== undefined || !STITCHED_SERVICE_WIRED) return;
  const media = await sharedDemoMedia();
  demo = await startDemo({ mediaDir: media.mediaDir });
  service = await startStitchedService(demo);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await demo?.close();
});

async function getText(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status, `GET ${url}`).toBe(200);
  return res.text();
}

async function tracking(sessionId: string): Promise<TrackingJson> {
  return JSON.parse(await getText(`${service.baseUrl}/v1/tracking/${sessionId}`)) as TrackingJson;
}

function sessionIdOf(url: string): string {
  return /\/v1\/(?:manifest\/[^/]+|segment)\/([^/?]+)\//.exec(url)?.[1] ?? '';
}

/** Starts a session outside the browser and reads its first media playlist, which makes its decisions. */
async function warmUpSession(): Promise<string> {
  const master = await getText(service.vodMasterUrl);
  const media = master.split('\n').find((l) => l !== '' && !l.startsWith('#')) ?? '';
  const mediaUrl = new URL(media, service.vodMasterUrl).toString();
  await getText(mediaUrl);
  return sessionIdOf(mediaUrl);
}

async function waitYellowSettled(): Promise<CreativeView | undefined> {
  const until = Date.now() + READY_WITHIN_MS;
  let yellow: CreativeView | undefined;
  while (Date.now() < until) {
    const { creatives } = JSON.parse(await getText(`${service.baseUrl}/api/v1/creatives`)) as { creatives: CreativeView[] };
    yellow = creatives.find((c) => c.adId === YELLOW_AD_ID);
    if (yellow?.status === 'ready' || yellow?.status === 'failed') return yellow;
    await new Promise((r) => setTimeout(r, 250));
  }
  return yellow;
}

/** Where the service's segment route sends a fragment (the 302 Location), without following it. */
async function redirectOf(fragmentUrl: string): Promise<string> {
  const res = await fetch(fragmentUrl, { redirect: 'manual' });
  await res.arrayBuffer();
  expect(res.status, `GET ${fragmentUrl}`).toBe(302);
  return res.headers.get('location') ?? '';
}

function fragmentAt(timeline: PlaylistTimeline, t: number): PlaylistTimeline['fragments'][number] | undefined {
  return timeline.fragments.find((f) => f.start <= t && t < f.start + f.duration);
}

describe.skipIf(skipReason !== undefined || !STITCHED_SERVICE_WIRED)(suiteName('stitched playback of a conditioned MP4-only ad'), () => {
  it('skips the MP4-only ad until it is conditioned, then a new session plays it: yellow frames from /creatives/, no fatal error', async () => {
    // First session: the MP4-only ad is queued for conditioning and left out of its pods.
    const firstSession = await warmUpSession();
    expect(firstSession).not.toBe('');
    expect((await tracking(firstSession)).avails.flatMap((a) => a.ads).map((a) => a.adId)).not.toContain(YELLOW_AD_ID);

    const yellow = await waitYellowSettled();
    expect(yellow, `${YELLOW_AD_ID} did not settle within ${READY_WITHIN_MS} ms`).toBeDefined();
    expect(yellow?.status, JSON.stringify(yellow?.failure ?? yellow)).toBe('ready');
    expect(yellow?.multivariantUrl).toMatch(/^\/creatives\//);

    // Second session, in the browser: its pods now hold the conditioned creative.
    const page = await browser.newPage();
    try {
      const player = await openHlsPlayer(page, service.vodMasterUrl, { classify: classifyCanvasFrame });
      const timeline = await player.waitForTimeline();
      expect(timeline.live).toBe(false);
      const sessionId = sessionIdOf(timeline.fragments.find((f) => f.url.includes('/v1/segment/'))?.url ?? '');
      expect(sessionId).not.toBe('');
      expect(sessionId).not.toBe(firstSession);

      const yellowAds = (await tracking(sessionId)).avails.flatMap((a) => a.ads).filter((a) => a.adId === YELLOW_AD_ID);
      // The demo VOD's two breaks (30 s and 20 s) each reserve a 10-s slot for the MP4 ad.
      expect(yellowAds).toHaveLength(2);
      const first = yellowAds[0];
      if (first === undefined) return;
      expect(first.durationInSeconds).toBeCloseTo(10, 0);
      // The playlist's fragments at the ad's start are redirected into the creative store.
      const adFragment = fragmentAt(timeline, first.startTimeInSeconds + 0.5);
      expect(adFragment?.url).toContain('/v1/segment/');
      expect(await redirectOf(adFragment?.url ?? '')).toMatch(/^\/creatives\//);

      // Seek 1 s before the yellow ad (the end of the previous ad) and watch into it.
      await player.seekTo(Math.max(0, first.startTimeInSeconds - 1));
      const samples = await player.collect({
        durationMs: 10_000,
        until: (s) => framed(s).filter((x) => x.label === YELLOW).length >= 6,
      });
      const labels = framed(samples).map((s) => s.label ?? '');
      const shownYellow = framed(samples).filter((s) => s.label === YELLOW);
      expect(shownYellow.length, `saw ${labels.join(',')}`).toBeGreaterThanOrEqual(6);
      // Every yellow frame lies inside the ad's span of the stitched timeline.
      const within = (s: FrameSample) => s.currentTime >= first.startTimeInSeconds - 0.1 && s.currentTime <= first.startTimeInSeconds + first.durationInSeconds + 0.1;
      expect(shownYellow.every(within), shownYellow.map((s) => s.currentTime).join(',')).toBe(true);
      // The picture moved: decoded frames grew while yellow was on screen.
      const firstYellow = shownYellow[0];
      const lastYellow = shownYellow[shownYellow.length - 1];
      expect((lastYellow?.decodedFrames ?? 0) - (firstYellow?.decodedFrames ?? 0)).toBeGreaterThan(10);

      expect(await player.fatalErrors()).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
