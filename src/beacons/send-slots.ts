/**
 * The beacon sends one worker process has in flight, shared by batch jobs and retry jobs:
 * the queue decides which jobs run, this decides how many receivers are being called at
 * once. It is also what bounds the sends a `kill -9` can interrupt (and so replay).
 */
export class SendSlots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    this.#free = Math.max(1, Math.floor(size));
  }

  /** Runs `work` once a slot is free; waiters are served in arrival order. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next !== undefined) next();
      else this.#free += 1;
    }
  }
}
