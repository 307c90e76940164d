import { pathToFileURL } from 'node:url';
import { buildApp } from './app.js';
import { loadConfig } from './config/index.js';
import { isInterludeError } from './errors/index.js';

/**
 * Process entry: load config, build the app, listen, stop cleanly on SIGINT/SIGTERM.
 * A bad config prints every problem and exits 1, without a stack trace.
 */
export async function runMain(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config;
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

  const app = await buildApp(config);
  const { logger } = app.services;
  const { url } = await app.listen();
  logger.info({ url }, `Interlude listening on ${url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(
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

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain().catch((err: unknown) => {
    process.stderr.write(`interlude: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
