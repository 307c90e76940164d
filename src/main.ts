import { pathToFileURL } from 'node:url';
import { buildApp } from './app.js';
import { channelSchema } from './channels/channel-schema.js';
import { CONFIG_FILE_ENV, loadConfig, type InterludeConfig } from './config/index.js';
import { startDemo, type DemoHandle } from './demo/index.js';
import { isInterludeError } from './errors/index.js';
import { createLogger } from './observability/logger.js';

/** `INTERLUDE_DEMO=0` turns the built-in demo off even when no channel is configured. */
export const DEMO_ENV = 'INTERLUDE_DEMO';

/**
 * Process entry: load config, build the app, listen, stop cleanly on SIGINT/SIGTERM.
 * A bad config prints every problem and exits 1, without a stack trace.
 *
 * With no config file and no channels (a fresh checkout's `npm start`), the built-in demo
 * starts on a loopback port first (origin, creatives, slate, VAST ad server) and its channels
 * are seeded, so the printed URLs play at once.
 */
export async function runMain(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: InterludeConfig;
  try {
    config = await loadConfig({ env });
  } catch (e) {
    if (isInterludeError(e) && e.code === 'CONFIG_INVALID') {
      process.stderr.write(`interlude: ${e.code}: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }

  const logger = createLogger({ level: config.logging.level });
  let demo: DemoHandle | undefined;
  if (config.channels.length === 0 && env[CONFIG_FILE_ENV] === undefined && env[DEMO_ENV] !== '0') {
    logger.info({}, 'no channels configured: starting the built-in demo (first run generates its media, ~15 s)');
    demo = await startDemo({ host: '127.0.0.1', port: 0, logger });
    config = { ...config, channels: demo.channels.map((c) => channelSchema.parse(c)) };
  }

  const app = await buildApp(config, { logger });
  const { url } = await app.listen();
  logger.info({ url }, `Interlude listening on ${url}`);
  if (demo !== undefined) process.stdout.write(demoBanner(url, demo));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(() => demo?.close()).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function demoBanner(url: string, demo: DemoHandle): string {
  const p = demo.channelPaths;
  return [
    '',
    'Interlude demo is ready. Play these in any HLS player (hls.js demo page, Safari, VLC, ffplay):',
    `  live (a break every minute):  ${url}/v1/master/demo-live/${p['demo-live']}`,
    `  VOD with cues:                ${url}/v1/master/demo-vod/${p['demo-vod']}`,
    `  VOD without cues (pre/mid):   ${url}/v1/master/demo-vod-nocue/${p['demo-vod-nocue']}`,
    'Explicit session start:',
    `  curl -s -X POST -H 'content-type: application/json' -d '{"playerParams":{"device":"ctv"}}' ${url}/v1/session/demo-live/${p['demo-live']}`,
    `Metrics: ${url}/metrics   Health: ${url}/readyz   Control plane: ${url}/api/v1/channels`,
    '',
  ].join('\n') + '\n';
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain().catch((err: unknown) => {
    process.stderr.write(`interlude: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
