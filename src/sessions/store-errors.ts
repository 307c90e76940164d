/**
 * The state layer's errors, as catalogue errors (src/errors/codes.ts). Messages and
 * context reach clients in error bodies, so they carry no stored values (viewer IPs,
 * user agents) and no Redis addresses; `cause` keeps the detail for the log.
 *
 * - SESSION_NOT_FOUND (404): unknown, expired or malformed session id.
 * - STORE_UNAVAILABLE (503): Redis could not be reached or refused the command; raised
 *   quickly (short connect and command timeouts), never a hang.
 * - STORE_CORRUPT (500): a stored value does not decode.
 * - AD_SOURCE_TIMEOUT (504, `source: 'decision-store'`): another instance held a break's
 *   decision past the store's max wait; the break plays content or slate.
 * - INTERNAL: a caller bug, e.g. live state that JSON cannot carry.
 */
import { InterludeError } from '../errors/index.js';

export function sessionNotFound(sessionId: string): InterludeError {
  return new InterludeError('SESSION_NOT_FOUND', 'No such session, or it expired.', { sessionId: sessionId.slice(0, 80) });
}

export function storeUnavailable(operation: string, cause: unknown): InterludeError {
  return new InterludeError('STORE_UNAVAILABLE', 'The state store is unavailable.', { store: 'redis', reason: `${operation}: ${reasonOf(cause)}` }, { cause });
}

/** `key` is the logical key (no prefix), e.g. `s:{id}:h.d` (a field of the session hash). */
export function storeCorrupt(store: string, key: string, cause?: unknown): InterludeError {
  return new InterludeError('STORE_CORRUPT', 'A stored record could not be read.', { store, key: key.slice(0, 120) },
    cause === undefined ? undefined : { cause });
}

export function decisionWaitTimeout(breakId: string, waitedMs: number): InterludeError {
  return new InterludeError('AD_SOURCE_TIMEOUT', 'Another instance is still deciding this break.', {
    source: 'decision-store', timeoutMs: waitedMs, breakId: breakId.slice(0, 120),
  });
}

export function notJsonSerialisable(): InterludeError {
  return new InterludeError('INTERNAL', 'Live state must be a JSON-serialisable value.');
}

function reasonOf(cause: unknown): string {
  if (!(cause instanceof Error)) return 'unknown';
  // ioredis names its own errors (MaxRetriesPerRequestError, ReplyError); plain ones
  // ("Command timed out", "Connection is closed.") say it in the message.
  return (cause.name !== 'Error' ? cause.name : cause.message).slice(0, 120);
}
