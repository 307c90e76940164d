/**
 * Decides the pod of every break a playlist shows, once per (session, break): stored pods
 * come from the playlist load; the rest go through the decision store's single flight, so
 * concurrent refreshes (any rendition, any instance) share one ad request. The source runs
 * under a deadline and a late or failing source gives an empty pod (decisioning/
 * source-outcome.ts); what then plays is the failure policy's call, not ours.
 */
import { emptyPod, type Break, type Pod } from '../../manifests/index.js';
import type { Channel } from '../channels/channel-schema.js';
import { createDeadline, type Clock } from '../decisioning/deadline.js';
import type { DecisionStore } from '../decisioning/decision-store/decision-store.js';
import { decideWithDeadline } from '../decisioning/source-outcome.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Session } from '../sessions/session.js';
import type { AdSources } from './ad-sources.js';

export interface BreakDeciderDeps {
  readonly decisions: DecisionStore;
  readonly sources: AdSources;
  readonly clock: Clock;
  readonly metrics: Metrics;
  /** Deadline for sources whose channel config sets none. */
  readonly defaultTimeoutMs: number;
  /** How long a decision is kept (the session's idle TTL: it is refreshed with the session). */
  readonly decisionTtlMs: number;
  /**
   * Called once per new decision (the single flight's winner, never for a stored pod):
   * the error beacons of dropped ads hook in here. Must not block or throw.
   */
  readonly onDecided?: (session: Session, pod: Pod, log: Logger) => void;
}

export class BreakDecider {
  readonly #deps: BreakDeciderDeps;

  constructor(deps: BreakDeciderDeps) {
    this.#deps = deps;
  }

  /** A pod for every break; never rejects (a store failure plays content for this refresh). */
  async podsFor(channel: Channel, session: Session, breaks: readonly Break[], known: ReadonlyMap<string, Pod>, log: Logger): Promise<Record<string, Pod>> {
    const pods: Record<string, Pod> = {};
    await Promise.all(breaks.map(async (brk, index) => {
      const stored = known.get(brk.id);
      if (stored !== undefined) {
        pods[brk.id] = stored;
        return;
      }
      try {
        pods[brk.id] = await this.#deps.decisions.getOrCreate(session.id, brk.id, () => this.#decide(channel, session, brk, index, log), this.#deps.decisionTtlMs);
      } catch (e) {
        log.warn({ err: e, breakId: brk.id }, 'break decision unavailable; the break plays content this refresh');
        pods[brk.id] = emptyPod(brk.id, 'none', ['decision store unavailable']);
      }
    }));
    return pods;
  }

  async #decide(channel: Channel, session: Session, brk: Break, index: number, log: Logger): Promise<Pod> {
    const { clock, metrics } = this.#deps;
    const source = this.#deps.sources.forChannel(channel, log);
    if (source === undefined) return emptyPod(brk.id, 'none', [`channel ad decision is "${channel.adDecision.type}"`]);
    const timeoutMs = channel.adDecision.type === 'vast' ? channel.adDecision.timeoutMs : this.#deps.defaultTimeoutMs;
    const deadline = createDeadline(timeoutMs, clock);
    try {
      const result = await decideWithDeadline(source, brk, session, { availNum: index + 1, availIndex: index }, deadline, clock);
      metrics.adSourceDuration.observe({ source: source.name }, result.elapsedMs / 1000);
      metrics.recordAdBreak(source.name, result.outcome === 'filled');
      const fields = { breakId: brk.id, source: source.name, outcome: result.outcome, ads: result.pod.ads.length, elapsedMs: result.elapsedMs };
      if (result.outcome === 'filled') log.info(fields, 'break decided');
      else log.warn({ ...fields, notes: result.pod.notes }, 'break not filled; content or slate plays');
      const pod = detached(result.pod);
      this.#deps.onDecided?.(session, pod, log);
      return pod;
    } finally {
      deadline.dispose();
    }
  }
}

/**
 * A copy made of fresh strings: a pod's URLs and ids are often slices of the whole ad
 * response (XML, JSON), and a kept slice keeps that whole text alive for the session's life.
 * Pods are JSON by contract (the stores keep them as JSON).
 */
function detached(pod: Pod): Pod {
  return JSON.parse(JSON.stringify(pod)) as Pod;
}
