import { pathToFileURL } from 'node:url';
import { startDemo } from '../start-demo.js';
import { DEMO_BIDDERS } from './demo-bidder-profiles.js';
import { DEMO_BIDDERS_PATH_PREFIX } from './ortb-bidders-handler.js';

/**
 * Serves the demo alone (origin, creatives, VAST ad server, beacon sink and the OpenRTB demo
 * bidders) on a fixed loopback port, so files that name the bidders by URL work as they are:
 *
 *   node dist/src/demo/bidders/serve-demo.js [port]        (default 47110)
 *   interlude auction fixtures/openrtb/examples/demo-bidders.json
 *
 * `npm start` runs the same demo on a free port (its log line "demo: origin and ad server
 * listening" gives the base URL).
 */
export const DEMO_BIDDERS_DEFAULT_PORT = 47110;

async function serve(portArg: string | undefined): Promise<void> {
  const port = portArg === undefined ? DEMO_BIDDERS_DEFAULT_PORT : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`serve-demo: port must be an integer in [0, 65535], got ${String(portArg)}\n`);
    process.exitCode = 2;
    return;
  }
  const demo = await startDemo({ host: '127.0.0.1', port });
  const base = demo.originBaseUrl.replace(/\/$/, '');
  process.stdout.write([
    `demo served at ${demo.originBaseUrl}`,
    'OpenRTB 2.6 demo bidders (POST a BidRequest):',
    ...DEMO_BIDDERS.map((b) => `  ${b.name.padEnd(18)} ${base}${DEMO_BIDDERS_PATH_PREFIX}${b.name}  (answers in ${b.latencyMs} ms)`),
    `beacons received: ${demo.originBaseUrl}beacons`,
    '',
  ].join('\n'));
  const stop = () => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  serve(process.argv[2]).catch((err: unknown) => {
    process.stderr.write(`serve-demo: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
