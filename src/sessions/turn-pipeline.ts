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
  readonly build: (pipeline: ChainableCommander) => void;
  resolve(replies: PipelineReplies): void;
  reject(error: unknown): void;
}

class TurnPipeline {
  readonly #redis: StateRedis;
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
    if (this.#waiting.length === 0) setImmediate(() => void this.#flush());
    return new Promise<PipelineReplies>((resolve, reject) => {
      this.#waiting.push({ build, resolve, reject });
    });
  }

  /**
   * Builds every caller's commands now, at the end of the turn, not when each called: a
   * caller that gathers a turn's work (the beacon ledger's writes) adds to it until here.
   */
  async #flush(): Promise<void> {
    const waiting = this.#waiting;
    this.#waiting = [];
    const pipeline = this.#redis.pipeline();
    const built: { readonly w: Waiting; readonly from: number; readonly count: number }[] = [];
    for (const w of waiting) {
      const from = pipeline.length;
      try {
        w.build(pipeline);
      } catch (e) {
        // Only its caller fails.
        w.reject(e);
        continue;
      }
      built.push({ w, from, count: pipeline.length - from });
    }
    if (built.length === 0) return;
    let replies: PipelineReplies | null;
    try {
      replies = await pipeline.exec();
    } catch (e) {
      for (const b of built) b.w.reject(e);
      return;
    }
    for (const b of built) {
      if (replies === null) b.w.reject(new Error('pipeline discarded'));
      else b.w.resolve(replies.slice(b.from, b.from + b.count));
    }
  }
}

const perClient = new WeakMap<StateRedis, TurnPipeline>();

/**
 * Queues `build`'s commands on the client's pipeline of this turn; resolves with their
 * replies once it has run. Rejects when the pipeline as a whole failed (Redis down), or
 * with what `build` threw. `build` runs at the end of the turn, in call order.
 */
export function inTurnPipeline(redis: StateRedis, build: (pipeline: ChainableCommander) => void): Promise<PipelineReplies> {
  let turn = perClient.get(redis);
  if (turn === undefined) {
    turn = new TurnPipeline(redis);
    perClient.set(redis, turn);
  }
  return turn.run(build);
}
