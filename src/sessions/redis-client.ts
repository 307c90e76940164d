/**
 * Redis plumbing for the state stores: a client with timeouts that fail fast, and the
 * wrappers that turn every backend failure into STORE_UNAVAILABLE.
 *
 * Why these options: with ioredis defaults a command sent while Redis is down waits in the
 * offline queue through 20 reconnect attempts (seconds). A playlist request must fail
 * fast instead, so the HTTP layer can answer 503 while the client keeps reconnecting.
 */
import { Redis, type ChainableCommander } from 'ioredis';
import { isInterludeError } from '../errors/index.js';
import { storeUnavailable } from './store-errors.js';
import { inTurnPipeline, type StateRedis } from './turn-pipeline.js';

export type { StateRedis } from './turn-pipeline.js';

export interface StateRedisOptions {
  /** Default 1000 ms. */
  readonly connectTimeoutMs?: number;
  /** A command not answered in time rejects. Default 2000 ms. */
  readonly commandTimeoutMs?: number;
  /** Called with connection errors (the commands that fail also reject on their own). */
  readonly onError?: (error: Error) => void;
}

export function createStateRedis(url: string, options: StateRedisOptions = {}): Redis {
  const client = new Redis(url, {
    connectTimeout: options.connectTimeoutMs ?? 1000,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  // Without a listener ioredis prints every reconnect failure to the console.
  client.on('error', (error: Error) => options.onError?.(error));
  return client;
}

/** Runs one Redis operation; any failure that is not already a catalogue error becomes STORE_UNAVAILABLE. */
export async function guard<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (cause) {
    throw asStoreError(what, cause);
  }
}

/**
 * Executes a pipeline (one round-trip) and returns each command's reply; a failed command
 * fails the whole call.
 */
export async function execPipeline(what: string, pipeline: ChainableCommander): Promise<unknown[]> {
  const replies = await guard(what, () => pipeline.exec());
  if (replies === null) throw storeUnavailable(what, undefined);
  return repliesOf(what, replies);
}

/** `execPipeline` for commands queued on the client's pipeline of this turn (turn-pipeline.ts). */
export async function execInTurn(what: string, redis: StateRedis, build: (pipeline: ChainableCommander) => void): Promise<unknown[]> {
  return repliesOf(what, await guard(what, () => inTurnPipeline(redis, build)));
}

/** Each command's reply; the first failed command fails the whole call. */
function repliesOf(what: string, replies: ReadonlyArray<[Error | null, unknown]>): unknown[] {
  return replies.map(([error, reply]) => {
    if (error) throw asStoreError(what, error);
    return reply;
  });
}

function asStoreError(what: string, cause: unknown): Error {
  return isInterludeError(cause) ? cause : storeUnavailable(what, cause);
}

/** PEXPIRE and SET PX take whole, positive milliseconds. */
export function wholeMs(ms: number): number {
  return Math.max(1, Math.round(ms));
}
