import type { Break, Pod } from '../../manifests/index.js';
import type { Session } from '../sessions/session.js';

/**
 * The moment by which a source must have answered. Sources pass `signal` to every
 * outbound request so that nothing they start outlives the deadline.
 */
export interface Deadline {
  /** Epoch ms at which the answer is due. */
  readonly atMs: number;
  readonly signal: AbortSignal;
  /** Milliseconds left, never negative. */
  remainingMs(): number;
}

/** What a source knows about the break beyond the cue: its place in the session. */
export interface AvailContext {
  /** 1-based count of avails in this session so far, this one included. */
  readonly availNum: number;
  /** 0-based index of the break in the playlist's timeline. */
  readonly availIndex: number;
}

/**
 * An ad decision source (VAST server, OpenRTB auction, the demo).
 *
 * Guarantees a source must keep:
 * - `decide` resolves by `deadline.atMs` (or soon after, once the abort lands) and never
 *   rejects for an ad-server fault: a late, failing or empty answer is an empty pod whose
 *   `notes` say why. It rejects only for programming errors.
 * - The pod's ads are in play order and their durations sum to at most the break's
 *   duration (when the break has one); every ad has an HLS `hlsUrl`.
 * - It does not cache: the decision store above it makes each (session, break) decision once.
 */
export interface AdSource {
  readonly name: string;
  decide(brk: Break, session: Session, avail: AvailContext, deadline: Deadline): Promise<Pod>;
}
