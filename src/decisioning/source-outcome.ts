import { emptyPod, type Break, type Pod } from '../../manifests/index.js';
import type { Session } from '../sessions/session.js';
import type { AdSource, AvailContext, Deadline } from './ad-source.js';
import type { Clock } from './deadline.js';

/**
 * How a decision turned out, as the failure policy sees it:
 * - filled: at least one ad;
 * - empty: the source answered in time with nothing playable;
 * - late: the deadline passed before the source answered;
 * - failed: the source broke its contract (rejected); a programming error, logged loudly.
 */
export type SourceOutcome = 'filled' | 'empty' | 'late' | 'failed';

export interface DecisionResult {
  readonly pod: Pod;
  readonly outcome: SourceOutcome;
  readonly elapsedMs: number;
}

/**
 * Asks `source` for a pod and enforces the deadline from outside, so that even a source
 * that ignores its signal cannot hold playback: at `deadline.atMs` the answer is an empty
 * pod, whatever the source does later. Never rejects.
 */
export async function decideWithDeadline(
  source: AdSource,
  brk: Break,
  session: Session,
  avail: AvailContext,
  deadline: Deadline,
  clock: Clock,
): Promise<DecisionResult> {
  const now = () => clock.nowMs();
  const started = now();
  const late = new Promise<DecisionResult>((resolve) => {
    const onAbort = () => resolve({ pod: emptyPod(brk.id, source.name, [`deadline passed: ${source.name} did not answer in time`]), outcome: 'late', elapsedMs: now() - started });
    if (deadline.signal.aborted) onAbort();
    else deadline.signal.addEventListener('abort', onAbort, { once: true });
  });
  const answered = source.decide(brk, session, avail, deadline).then(
    (pod): DecisionResult => ({ pod, outcome: pod.ads.length > 0 ? 'filled' : 'empty', elapsedMs: now() - started }),
    (e: unknown): DecisionResult => ({
      pod: emptyPod(brk.id, source.name, [`source ${source.name} failed: ${e instanceof Error ? e.message : String(e)}`]),
      outcome: 'failed',
      elapsedMs: now() - started,
    }),
  );
  return Promise.race([answered, late]);
}
