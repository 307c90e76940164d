/**
 * A small least-recently-used map with single-flight loading: concurrent `load` calls for
 * one key share one promise, so twenty players hitting a new ad at once cost one fetch.
 * For immutable values (VOD ad playlists) and per-instance caches; never shared state.
 */
export class LruCache<V> {
  readonly #max: number;
  readonly #entries = new Map<string, V>();
  readonly #inFlight = new Map<string, Promise<V>>();

  constructor(maxEntries: number) {
    this.#max = Math.max(1, maxEntries);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const v = this.#entries.get(key);
    if (v !== undefined) {
      // Map order is insertion order: re-inserting marks the entry most recently used.
      this.#entries.delete(key);
      this.#entries.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** The cached value, or `loader()`'s, cached on success; failures are not cached. */
  load(key: string, loader: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) return pending;
    const flight = loader().then((v) => {
      this.set(key, v);
      return v;
    }).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, flight);
    return flight;
  }
}
