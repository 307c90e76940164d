import { setMaxListeners } from 'node:events';
import { systemClock, type Clock } from '../sessions/clock.js';
import type { Deadline } from './ad-source.js';

// The service has one Clock (`{ nowMs() }`, src/sessions/clock.ts); re-exported here so
// decisioning code keeps importing its time source from one place.
export { systemClock, type Clock };

export interface DisposableDeadline extends Deadline {
  /** Clears the timer once the decision is in; the signal then never fires. */
  dispose(): void;
}

/**
 * A deadline `timeoutMs` from now on `clock`. The signal fires after `timeoutMs` of real
 * time (timers cannot follow an injected clock) or when `parent` fires, whichever is first,
 * with a `DeadlineExceeded`-named reason so callers can tell it from other aborts.
 */
export function createDeadline(timeoutMs: number, clock: Clock, parent?: AbortSignal): DisposableDeadline {
  const atMs = clock.nowMs() + Math.max(0, timeoutMs);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(deadlineReason(timeoutMs)), Math.max(0, timeoutMs));
  // The deadline alone must not keep a process alive (a CLI run, a test) once work is done.
  timer.unref();
  const signal = parent ? AbortSignal.any([controller.signal, parent]) : controller.signal;
  // One decision shares its deadline among parallel work (a pod's wrapper fetches and
  // conditioning lookups, one per ad): each adds an abort listener and removes it when done,
  // so more than Node's default 10 at once is a fan-out, not a leak.
  setMaxListeners(0, signal);
  return {
    atMs,
    signal,
    remainingMs: () => Math.max(0, atMs - clock.nowMs()),
    dispose: () => clearTimeout(timer),
  };
}

function deadlineReason(timeoutMs: number): Error {
  const reason = new Error(`ad decision deadline of ${timeoutMs} ms passed`);
  reason.name = 'DeadlineExceeded';
  return reason;
}
