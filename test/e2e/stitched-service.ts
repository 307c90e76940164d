// The hook between the e2e playback tests and the stitching service: the real app (buildApp,
// embedded stores, the player router) in front of the demo's channels, listening on loopback.
// The service must read the same clock as the demo's live origin: live decisions and the
// live-state bookkeeping are keyed on time, and the tests aim that clock at a break.
// Conditioned creatives go to a temporary store, never the repository's var/creatives.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { channelSchema } from '../../src/channels/channel-schema.js';
import { resolveConfig } from '../../src/config/load.js';
import type { DemoHandle } from '../../src/demo/index.js';
import { systemClock, type Clock } from '../../src/sessions/clock.js';

export const STITCHED_SERVICE_WIRED = true;

export const STITCHED_SKIP_REASON = 'the stitched service is not wired: see test/e2e/stitched-service.ts';

export interface StitchedService {
  /** `http://127.0.0.1:<port>/v1/master/demo-vod/vod/master.m3u8` (player params optional). */
  readonly vodMasterUrl: string;
  /** `http://127.0.0.1:<port>/v1/master/demo-live/live/master.m3u8`. */
  readonly liveMasterUrl: string;
  /** The service's base URL, `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** The temporary creative store (`conditioning.storeDir`), removed by close(). */
  readonly storeDir: string;
  close(): Promise<void>;
}

/**
 * Starts the service in front of `demo` (its origin, VAST ad server and slate). The service's
 * ad segments answer 302 to the demo's creatives; those need CORS (the demo sends
 * `Access-Control-Allow-Origin: *`), and so do the service's own playlists, because the player
 * page is served from another loopback port (the app's player CORS middleware does that).
 */
export async function startStitchedService(demo: DemoHandle, clock: Clock = systemClock): Promise<StitchedService> {
  const storeDir = await mkdtemp(join(tmpdir(), 'interlude-e2e-creatives-'));
  const removeStore = () => rm(storeDir, { recursive: true, force: true });
  try {
    const config = resolveConfig({
      logging: { level: 'silent' },
      server: { port: 0, host: '127.0.0.1' },
      conditioning: { storeDir },
      channels: demo.channels.map((c) => channelSchema.parse(c)),
    }, {});
    const app = await buildApp(config, { defaultMetrics: false, clock });
    const { url } = await app.listen().catch(async (e: unknown) => {
      await app.close();
      throw e;
    });
    return {
      baseUrl: url,
      storeDir,
      vodMasterUrl: `${url}/v1/master/demo-vod/${demo.channelPaths['demo-vod']}`,
      liveMasterUrl: `${url}/v1/master/demo-live/${demo.channelPaths['demo-live']}`,
      async close() {
        try {
          await app.close();
        } finally {
          await removeStore();
        }
      },
    };
  } catch (e) {
    await removeStore();
    throw e;
  }
}
