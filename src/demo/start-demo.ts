import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelInput } from '../channels/channel-schema.js';
import { systemClock, type Clock } from '../sessions/clock.js';
import { BeaconSink } from './ad-server/beacon-sink.js';
import { demoRtbAdDecision } from './bidders/demo-rtb-channel.js';
import { createDemoRequestHandler, type DemoRequestHandler } from './demo-handler.js';
import { silentDemoLogger, type DemoLogger } from './demo-logger.js';
import { ensureDemoMedia } from './media/generate.js';
import type { DemoMediaCatalog } from './media/media-catalog.js';
import { DEMO_STREAM_PATHS } from './origin/origin-handler.js';
import { DEMO_VOD_CUES } from './origin/vod-playlist.js';

export interface StartDemoOptions {
  /** Media cache; default `var/demo-media/` under the repository root. */
  readonly mediaDir?: string;
  /** Drives the live stream's window; default the wall clock. */
  readonly clock?: Clock;
  readonly logger?: DemoLogger;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default: `FFMPEG_PATH`, else the bundled ffmpeg. */
  readonly ffmpegPath?: string;
  /** Live sliding window in segments (default 6). */
  readonly liveWindowSegments?: number;
}

/** The channels, as the channel schema takes them, with the player path each one is meant for. */
export interface DemoChannel extends ChannelInput {
  readonly id: 'demo-live' | 'demo-vod' | 'demo-vod-nocue' | 'demo-live-rtb';
}

export interface DemoHandle {
  /** `http://host:port/`, with the trailing slash: resolve `paths` against it. */
  readonly originBaseUrl: string;
  /** The VAST URL template with MediaTailor-style macros. */
  readonly adServerUrl: string;
  readonly channels: readonly DemoChannel[];
  /** Player paths relative to `originBaseUrl`, per stream. */
  readonly paths: {
    readonly live: string;
    readonly vod: string;
    readonly vodNoCue: string;
    readonly slate: string;
  };
  /** Which channel uses which path. */
  readonly channelPaths: Readonly<Record<DemoChannel['id'], string>>;
  readonly media: { readonly mediaDir: string; readonly generated: boolean; readonly elapsedMs: number; readonly catalog: DemoMediaCatalog };
  /** What the demo ad server's beacon sink has recorded (also `GET /beacons`). */
  readonly beacons: BeaconSink;
  /** The same handler the server uses, for mounting the demo elsewhere. */
  readonly handler: DemoRequestHandler;
  close(): Promise<void>;
}

/**
 * Starts the built-in demo: generates (or finds cached) media, then serves origin, creatives,
 * slate, VAST ad server and beacon sink from one loopback HTTP server. The single entry point
 * the composition root calls for `npm start`.
 */
export async function startDemo(options: StartDemoOptions = {}): Promise<DemoHandle> {
  const logger = options.logger ?? silentDemoLogger;
  const clock = options.clock ?? systemClock;
  const media = await ensureDemoMedia({
    ...(options.mediaDir === undefined ? {} : { mediaDir: options.mediaDir }),
    ...(options.ffmpegPath === undefined ? {} : { ffmpegPath: options.ffmpegPath }),
    logger,
  });
  const beacons = new BeaconSink(clock);
  let base = '';
  const handler = createDemoRequestHandler({
    mediaDir: media.mediaDir,
    catalog: media.catalog,
    clock,
    logger,
    beacons,
    baseUrl: () => base,
    ...(options.liveWindowSegments === undefined ? {} : { liveWindowSegments: options.liveWindowSegments }),
  });
  const server = createServer(handler);
  const host = options.host ?? '127.0.0.1';
  await listen(server, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const originBaseUrl = `${base}/`;
  const adServerUrl = `${base}/vast?dur=[session.avail_duration_secs]&sid=[session.id]`;
  const adDecision = { type: 'vast', url: adServerUrl, timeoutMs: 1500 } as const;
  const slate = `${base}/${DEMO_STREAM_PATHS.slate}`;
  const channels: DemoChannel[] = [
    { id: 'demo-live', origin: originBaseUrl, adDecision, slate },
    { id: 'demo-vod', origin: originBaseUrl, adDecision, slate, vodPreroll: false },
    { id: 'demo-vod-nocue', origin: originBaseUrl, adDecision, slate, vodPreroll: true, vodMidrollOffsetsSec: DEMO_VOD_CUES.map((c) => c.atSec) },
    // The live stream again, its breaks sold by OpenRTB auction among the demo's own bidders.
    { id: 'demo-live-rtb', origin: originBaseUrl, adDecision: demoRtbAdDecision(base), slate },
  ];
  logger.info({ originBaseUrl, generated: media.generated, mediaMs: Math.round(media.elapsedMs) }, 'demo: origin and ad server listening');
  return {
    originBaseUrl,
    adServerUrl,
    channels,
    paths: { live: DEMO_STREAM_PATHS.live, vod: DEMO_STREAM_PATHS.vod, vodNoCue: DEMO_STREAM_PATHS.vodNoCue, slate: DEMO_STREAM_PATHS.slate },
    channelPaths: { 'demo-live': DEMO_STREAM_PATHS.live, 'demo-vod': DEMO_STREAM_PATHS.vod, 'demo-vod-nocue': DEMO_STREAM_PATHS.vodNoCue, 'demo-live-rtb': DEMO_STREAM_PATHS.live },
    media,
    beacons,
    handler,
    close: () => closeServer(server),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
