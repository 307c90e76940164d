import { loadConfig, type Env } from '../../config/index.js';
import { isInterludeError } from '../../errors/index.js';
import { startWorkers, type RunningWorkers } from '../../worker/start-workers.js';
import type { CliCommand, CliIo } from '../command.js';

const HELP = `interlude worker — run background jobs (ad conditioning, …) for a Redis deployment

Usage:
  interlude worker

Loads the same configuration as the service (INTERLUDE_CONFIG file, environment) and runs
the queue handlers of src/worker/start-workers.ts against BullMQ on REDIS_URL until SIGINT
or SIGTERM, then lets running jobs stop (ffmpeg is killed; the job is retried) and exits.
A worker killed outright loses nothing: its job's lock lapses and another worker (or this
one, restarted) takes the job again.

Needs REDIS_URL. The ffmpeg and ffprobe binaries are the bundled ones unless FFMPEG_PATH /
FFPROBE_PATH say otherwise; the creative store directory (conditioning.storeDir) must be
the one the service instances serve.

Exit status: 0 stopped cleanly, 1 configuration or startup failure, 2 usage error.
`;

export interface WorkerCommandDeps {
  readonly env?: Env;
  /** Resolves when the process should stop; default on SIGINT or SIGTERM. */
  readonly untilStopped?: () => Promise<void>;
  readonly start?: typeof startWorkers;
}

export function createWorkerCommand(deps: WorkerCommandDeps = {}): CliCommand {
  return {
    name: 'worker',
    summary: 'Run the background job workers (conditioning, …) against Redis',
    help: HELP,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      if (args.length > 0) {
        io.error(`interlude worker: unexpected argument "${args[0] ?? ''}"\n\n${HELP}`);
        return 2;
      }
      let running: RunningWorkers;
      try {
        const config = await loadConfig({ env: deps.env ?? process.env });
        running = await (deps.start ?? startWorkers)(config);
      } catch (e) {
        io.error(`interlude worker: ${isInterludeError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e)}\n`);
        return 1;
      }
      io.write(`interlude worker: running ${running.names.join(', ')} (pid ${process.pid}); Ctrl-C stops\n`);
      await (deps.untilStopped ?? signalled)();
      await running.close();
      return 0;
    },
  };
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export const workerCommand = createWorkerCommand();
