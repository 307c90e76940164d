// The demo's public surface: the composition root calls startDemo; tests (and the browser e2e)
// use the colours, the frame classifier and the live schedule to know what to expect.
export { startDemo, type StartDemoOptions, type DemoHandle, type DemoChannel } from './start-demo.js';
export { createDemoRequestHandler, type DemoHandlerOptions, type DemoRequestHandler } from './demo-handler.js';
export type { DemoLogger } from './demo-logger.js';
export { ensureDemoMedia, defaultDemoMediaDir, type DemoMedia, type EnsureDemoMediaOptions } from './media/generate.js';
export { DEMO_COLOURS, DEMO_LADDER, DEMO_CODECS, DEMO_SEGMENT_DURATION_SEC, DEMO_MEDIA_VERSION, type DemoColourName, type Rgb } from './media/demo-assets.js';
export { classifyDemoFrame, type DemoFrameLabel, type ClassifyOptions } from './media/frame-colours.js';
export type { DemoMediaCatalog } from './media/media-catalog.js';
export { DEMO_STREAM_PATHS } from './origin/origin-handler.js';
export { DEMO_VOD_CUES, type VodCue } from './origin/vod-playlist.js';
export { defaultLiveSchedule, liveBreak, breakContaining, type LiveBreak, type LiveScheduleConfig } from './origin/live-schedule.js';
export { BeaconSink, type BeaconHit, type BeaconFilter } from './ad-server/beacon-sink.js';
