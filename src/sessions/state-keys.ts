/**
 * Key layout of per-session state. Every key of a session carries the same hash tag
 * `{<sessionId>}`, so in Redis Cluster a session's keys live in one slot: one pipeline or
 * Lua script can touch all of them.
 *
 * Redis keeps a session in one hash (each key costs 50–100 B of its own in Redis, and the
 * session, its live states and its decisions live and die together anyway):
 *
 *   <prefix>s:{id}:h            hash  's' → `<idle ttl ms>|<packed compact session JSON>`
 *                                     'l:<renditionKey>' → packed live splice state JSON
 *                                     'd:<breakId>' → packed decision record JSON
 *   <prefix>s:{id}:once         set   keys already marked by markOnce
 *   <prefix>s:{id}:lock:<brk>   string  pending-decision marker (token), short own TTL
 *
 * Values are packed-json.ts bytes, each split into pieces of at most 63 B under its own field
 * and the chunk fields `s1`, `l1:<renditionKey>`, `d1:<breakId>` … (stored-chunks.ts), which
 * keeps the hash a compact listpack on a Redis with default settings. Touch sets the hash's
 * expiry and extends the once set;
 * the lock expires on its own so that a decider that died frees the break for someone else.
 * (Versions before the hash kept `s:{id}` as a string and `:live`/`:d` as hashes; nothing
 * reads those any more and they expire.)
 *
 * The memory keyspace (memory-keyspace.ts) groups the same four kinds of value per session
 * id, without key names.
 */
export interface SessionKeys {
  /** The session's hash (fields: SESSION_FIELD, liveField, decisionField). */
  readonly state: string;
  readonly once: string;
  lock(breakId: string): string;
  /** The keys the touch script refreshes, in the order it expects. */
  readonly stateTouched: readonly [string, string];
}

/** Field of the session itself in the Redis hash. */
export const SESSION_FIELD = 's';

/** Field of a rendition's live state in the Redis hash. */
export function liveField(renditionKey: string): string {
  return `l:${renditionKey}`;
}

export const DECISION_FIELD_PREFIX = 'd:';

/** Field of a break's decision in the Redis hash. */
export function decisionField(breakId: string): string {
  return `${DECISION_FIELD_PREFIX}${breakId}`;
}

export function sessionKeys(prefix: string, sessionId: string): SessionKeys {
  const base = `${prefix}s:{${sessionId}}`;
  const once = `${base}:once`;
  const state = `${base}:h`;
  return {
    state,
    once,
    lock: (breakId) => `${base}:lock:${breakId}`,
    stateTouched: [state, once],
  };
}

const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Session ids come from URLs. Only ids we could have issued are looked up, so a crafted id
 * can neither escape the hash tag nor build huge keys; anything else is simply unknown.
 */
export function isValidSessionId(id: string): boolean {
  return SESSION_ID.test(id);
}
