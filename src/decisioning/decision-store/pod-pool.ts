/**
 * One shared copy of each distinct pod in process memory. Viewers of one channel are often
 * given the very same pod (same ads, same tracking URLs with macros left for the beacon
 * layer to fill), and a pod's object graph (ads, tracking lists, URL strings) is the
 * largest thing a session keeps in the embedded store. Pods are compared by their JSON, so
 * two equal pods share one frozen object; a pod no session holds any more is collected and
 * its entry removed.
 */
import type { Pod } from '../../../manifests/index.js';

export class PodPool {
  readonly #byJson = new Map<string, WeakRef<Pod>>();
  readonly #cleanup = new FinalizationRegistry<string>((json) => {
    if (this.#byJson.get(json)?.deref() === undefined) this.#byJson.delete(json);
  });

  /** The pool's copy of a pod equal to `pod` (stored as given when it is the first). */
  intern(pod: Pod): Pod {
    const json = JSON.stringify(pod);
    const known = this.#byJson.get(json)?.deref();
    if (known !== undefined) return known;
    const shared = deepFreeze(pod);
    this.#byJson.set(json, new WeakRef(shared));
    this.#cleanup.register(shared, json);
    return shared;
  }

  /** Distinct pods alive (for tests and metrics). */
  get size(): number {
    return this.#byJson.size;
  }
}

// Shared between sessions: a caller that mutated one would change every viewer's break.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
