// A separate `interlude worker` process for the kill -9 test: the real worker command, with
// BullMQ's stalled-job check and lock shortened so a dead worker's job is taken back in ~1 s.
// Run with `node --import tsx test/integration/conditioning-worker-child.ts` and the service's
// env (REDIS_URL, INTERLUDE_CONFIG).
import { createWorkerCommand } from '../../src/cli/commands/worker-command.js';
import { processIo } from '../../src/cli/process-io.js';
import { startWorkers } from '../../src/worker/start-workers.js';

const command = createWorkerCommand({
  start: (config) => startWorkers(config, { queue: { stalledIntervalMs: 300, lockDurationMs: 1_000 } }),
});
process.exitCode = await command.run([], processIo);
