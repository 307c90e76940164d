import type { SourceOutcome } from './source-outcome.js';

/**
 * The one place that says what plays when an ad source does not fill a break (STYLE §10).
 * Sources and the splicer report outcomes; they do not improvise recovery. Read the table:
 *
 * | outcome | VOD                       | live                                     |
 * |---------|---------------------------|------------------------------------------|
 * | filled  | the ads; content resumes  | the ads; unfilled tail → slate or content |
 * | empty   | no break (content)        | slate if configured, else content        |
 * | late    | no break (content)        | slate if configured, else content        |
 * | failed  | no break (content)        | slate if configured, else content        |
 *
 * VOD never shows slate: with no ads there is nothing to pause content for. Live must fill
 * the break's wall-clock time with something; slate when the channel has one, else the
 * origin's own break content.
 */
export type StreamKind = 'vod' | 'live';

/** What fills break time that has no ad. */
export type UnfilledTime = 'skip-break' | 'slate' | 'content';

export interface FailureDecision {
  /** Whether the pod's ads (if any) are spliced. False means: act as if there were no ads. */
  readonly playAds: boolean;
  readonly unfilled: UnfilledTime;
}

type Rule = (slateConfigured: boolean) => FailureDecision;

const liveFallback: Rule = (slate) => ({ playAds: false, unfilled: slate ? 'slate' : 'content' });
const vodFallback: Rule = () => ({ playAds: false, unfilled: 'skip-break' });

const POLICY: Record<StreamKind, Record<SourceOutcome, Rule>> = {
  vod: {
    filled: () => ({ playAds: true, unfilled: 'skip-break' }),
    empty: vodFallback,
    late: vodFallback,
    failed: vodFallback,
  },
  live: {
    filled: (slate) => ({ playAds: true, unfilled: slate ? 'slate' : 'content' }),
    empty: liveFallback,
    late: liveFallback,
    failed: liveFallback,
  },
};

export function failurePolicy(outcome: SourceOutcome, stream: StreamKind, slateConfigured: boolean): FailureDecision {
  return POLICY[stream][outcome](slateConfigured);
}
