/**
 * What a beacon's macros need to know about the break around an ad: which planned break,
 * its position ([BREAKPOSITION]), and the ids under which the tracker dedupes.
 */
import type { Micros, PlannedBreak, SplicePlan } from '../../../manifests/index.js';
import type { BreakPosition } from '../beacon-job.js';

/** A whole plan, or just the break the request belongs to. */
export type PlanInput = SplicePlan | PlannedBreak;

export interface BreakPositionHints {
  /** Known position (e.g. from VMAP `timeOffset` or the channel's configured offsets): wins. */
  readonly breakPosition?: BreakPosition;
  /**
   * VOD: where the output playlist ends (sum of its segment durations). A break whose
   * filler runs to the end is a post-roll. Without it, VOD breaks are pre- or mid-rolls.
   */
  readonly outputEndUs?: Micros;
}

/**
 * The tracker's ad instance: this ad in this break. The same creative in two breaks (or
 * twice in one pod, under two PodAd ids) is two instances and fires twice, as it plays twice.
 */
export function adInstanceId(breakId: string, podAdId: string): string {
  return `${breakId}:${podAdId}`;
}

/**
 * Break-level events (breakStart, breakEnd) are marked under the break id alone. They cannot
 * collide with an ad instance's mark, which never carries those event names.
 */
export function breakInstanceId(breakId: string): string {
  return breakId;
}

export function findBreak(plan: PlanInput, breakId: string): { readonly brk: PlannedBreak; readonly mode?: SplicePlan['mode'] } | undefined {
  if ('breaks' in plan) {
    const brk = plan.breaks.find((b) => b.breakId === breakId);
    return brk === undefined ? undefined : { brk, mode: plan.mode };
  }
  return plan.breakId === breakId ? { brk: plan } : undefined;
}

/**
 * [BREAKPOSITION] of a break. Live streams have no start or end to be relative to: every
 * live break is a mid-roll (a live plan's time 0 is the window start, not the stream's).
 * VOD: a break at output time 0 is a pre-roll; one running to `outputEndUs` a post-roll.
 * Given only a PlannedBreak (no mode), time 0 is taken as a pre-roll: live callers should
 * pass the SplicePlan or an explicit position.
 */
export function breakPositionOf(brk: PlannedBreak, mode: SplicePlan['mode'] | undefined, hints: BreakPositionHints = {}): BreakPosition {
  if (hints.breakPosition !== undefined) return hints.breakPosition;
  if (mode === 'live') return 'midroll';
  if (brk.startUs === 0) return 'preroll';
  if (hints.outputEndUs !== undefined && brk.startUs + brk.durationUs >= hints.outputEndUs) return 'postroll';
  return 'midroll';
}

/**
 * Microseconds to whole milliseconds, rounded down (MediaTailor truncates its times to the
 * millisecond the same way: 17.817798 s is reported as 17.817).
 */
export function usToMs(us: Micros): number {
  return Math.floor(us / 1000);
}
