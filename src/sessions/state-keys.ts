/**
 * Key layout of per-session state, shared by the Redis and in-memory stores (the memory
 * keyspace uses the same names with an empty prefix, so both behave alike).
 *
 * Every key of a session carries the same hash tag `{<sessionId>}`, so in Redis Cluster a
 * session's keys live in one slot: one pipeline or Lua script can touch all of them.
 *
 *   <prefix>s:{id}              string  `<idle ttl ms>|<compact session JSON>`
 *   <prefix>s:{id}:live         hash  renditionKey → live splice state JSON
 *   <prefix>s:{id}:d            hash  breakId → decision record JSON
 *   <prefix>s:{id}:once         set   keys already marked by markOnce
 *   <prefix>s:{id}:lock:<brk>   string  pending-decision marker (token), short own TTL
 *
 * The first four are refreshed together by touch; the lock expires on its own so that a
 * decider that died frees the break for someone else.
 */
export interface SessionKeys {
  readonly session: string;
  readonly live: string;
  readonly decisions: string;
  readonly once: string;
  lock(breakId: string): string;
  /** The keys touch refreshes, in the order the touch script expects. */
  readonly touched: readonly [string, string, string, string];
}

export function sessionKeys(prefix: string, sessionId: string): SessionKeys {
  const base = `${prefix}s:{${sessionId}}`;
  const live = `${base}:live`;
  const decisions = `${base}:d`;
  const once = `${base}:once`;
  return {
    session: base,
    live,
    decisions,
    once,
    lock: (breakId) => `${base}:lock:${breakId}`,
    touched: [base, live, decisions, once],
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
