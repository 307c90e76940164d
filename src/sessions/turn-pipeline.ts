/**
 * One pipeline per turn of the event loop for many callers' commands.
 *
 * A socket write costs a system call, and on a small host that is tens of microseconds:
 * as much as the rest of a segment redirect. A load per request was a write per request.
 * Calls made before the next turn (every request whose bytes arrived in this poll of the
 * event loop) now share one write and one round trip; each caller still gets only its own
 * commands' replies, in order. A Cluster pipeline must stay on one node, so there each
 * call is its own pipeline.
 */
import type { ChainableCommander } from 'ioredis';
import type { Cluster, Redis } from 'ioredis';

/** A standalone client or a Cluster: the stores only use commands both offer. */
export type StateRedis = Redis | Cluster;

/** Each command's [error, reply], as ioredis's `exec` gives them. */
export type PipelineReplies = ReadonlyArray<[Error | null, unknown]>;

interface Waiting {
  readonly from: number;
  readonly count: number;
  resolve(replies: PipelineReplies): void;
  reject(error: unknown): void;
}

class TurnPipeline {
  readonly #redis: StateRedis;
  #pipeline: ChainableCommander | undefined;
  #waiting: Waiting[] = [];

  constructor(redis: StateRedis) {
    this.#redis = redis;
  }

  run(build: (pipeline: ChainableCommander) => void): Promise<PipelineReplies> {
    if (this.#redis.isCluster) {
      const own = this.#redis.pipeline();
      build(own);
      return own.exec().then((replies) => replies ?? Promise.reject(new Error('pipeline discarded')));
    }
    if (this.#pipeline === undefined) {
      this.#pipeline = this.#redis.pipeline();
      setImmediate(() => void this.#flush());
    }
    const pipeline = this.#pipeline;
    const from = pipeline.length;
    build(pipeline);
    return new Promise<PipelineReplies>((resolve, reject) => {
      this.#waiting.push({ from, count: pipeline.length - from, resolve, reject });
    });
  }

  async #flush(): Promise<void> {
    const pipeline = this.#pipeline;
    const waiting = this.#waiting;
    this.#pipeline = undefined;
    this.#waiting = [];
    if (pipeline === undefined) return;
    let replies: PipelineReplies | null;
    try {
      replies = await pipeline.exec();
    } catch (e) {
      for (const w of waiting) w.reject(e);
      return;
    }
    for (const w of waiting) {
      if (replies === null) w.reject(new Error('pipeline discarded'));
      else w.resolve(replies.slice(w.from, w.from + w.count));
    }
  }
}

const perClient = new WeakMap<StateRedis, TurnPipeline>();

/**
 * Queues `build`'s commands on the client's pipeline of this turn; resolves with their
 * replies once it has run. Rejects when the pipeline as a whole failed (Redis down).
 */
export function inTurnPipeline(redis: StateRedis, build: (pipeline: ChainableCommander) => void): Promise<PipelineReplies> {
  let turn = perClient.get(redis);
  if (turn === undefined) {
    turn = new TurnPipeline(redis);
    perClient.set(redis, turn);
  }
  return turn.run(build);
}
