/**
 * Lua scripts of the state layer. Each reads and writes only keys of one session (one
 * hash tag, one Cluster slot) and is atomic, which is what makes touch, markOnce and the
 * decision claim/commit safe across service instances. ioredis sends EVAL the first time
 * per connection and EVALSHA after, inside pipelines too, so a script costs no extra
 * round-trip.
 */
import type { ChainableCommander } from 'ioredis';
import type { StateRedis } from './redis-client.js';
import { storeUnavailable } from './store-errors.js';

const SCRIPTS = {
  /**
   * KEYS: state, once. ARGV: ttlMs or '' (use the TTL stored in front of the session field,
   * `<ttlMs>|<packed json>`).
   * Sets the state hash's expiry to ttl from now; extends the once set to at least ttl.
   * Returns 1, or 0 when the session does not exist.
   */
  interludeStateTouch: {
    numberOfKeys: 2,
    lua: `
local stored = redis.call('HGET', KEYS[1], 's')
if not stored then return 0 end
local ttl = tonumber(ARGV[1])
if ttl == nil then ttl = tonumber(string.match(stored, '^(%d+)|')) end
if ttl == nil then return 0 end
redis.call('PEXPIRE', KEYS[1], ttl)
local left = redis.call('PTTL', KEYS[2])
if left >= 0 and left < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1`,
  },
  /** KEYS: state. ARGV: session field value, ttlMs. The session (re)starts its idle TTL. */
  interludeStateCreate: {
    numberOfKeys: 1,
    lua: `
redis.call('HSET', KEYS[1], 's', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`,
  },
  /** KEYS: state. ARGV: field, value. 0 (nothing stored) when the session does not exist. */
  interludeStatePutLive: {
    numberOfKeys: 1,
    lua: `
if redis.call('HEXISTS', KEYS[1], 's') == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`,
  },
  /** KEYS: once. ARGV: member, ttlMs. 1 when the member was new. */
  interludeStateMarkOnce: {
    numberOfKeys: 1,
    lua: `
local added = redis.call('SADD', KEYS[1], ARGV[1])
local ttl = tonumber(ARGV[2])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return added`,
  },
  /**
   * KEYS: once. ARGV: ttlMs, member… One SADD per member so each gets its own answer (a
   * repeated member is new only the first time); 1 per new member, 0 otherwise.
   */
  interludeStateMarkOnceMany: {
    numberOfKeys: 1,
    lua: `
local out = {}
for i = 2, #ARGV do out[i - 1] = redis.call('SADD', KEYS[1], ARGV[i]) end
local ttl = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return out`,
  },
  /**
   * KEYS: state, lock. ARGV: decision field, token, lockTtlMs.
   * {1, pod} when decided already; {2, ''} when this caller now holds the lock; {0, ''}
   * when someone else holds it.
   */
  interludeDecisionClaim: {
    numberOfKeys: 2,
    lua: `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v then return {1, v} end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return {2, ''} end
return {0, ''}`,
  },
  /**
   * KEYS: state, lock. ARGV: decision field, packed record, ttlMs, token.
   * First writer wins (HSETNX): a decider whose lock expired mid-decision cannot overwrite
   * the pod someone else stored. Releases the lock if still ours; returns the stored record.
   */
  interludeDecisionCommit: {
    numberOfKeys: 2,
    lua: `
redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
local ttl = tonumber(ARGV[3])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
if redis.call('GET', KEYS[2]) == ARGV[4] then redis.call('DEL', KEYS[2]) end
return redis.call('HGET', KEYS[1], ARGV[1])`,
  },
  /** KEYS: lock. ARGV: token. Deletes the lock only if this caller still holds it. */
  interludeDecisionRelease: {
    numberOfKeys: 1,
    lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  },
} as const;

export type StateScript = keyof typeof SCRIPTS;

/**
 * `text`: string replies; `bytes`: Buffer replies (ioredis' `<name>Buffer` twin of every
 * command), for scripts that return packed values.
 */
export type ReplyKind = 'text' | 'bytes';

/** Idempotent: defines the scripts as commands on the client (and its pipelines). */
export function installStateScripts(redis: StateRedis): void {
  for (const [name, def] of Object.entries(SCRIPTS)) {
    redis.defineCommand(name, { numberOfKeys: def.numberOfKeys, lua: def.lua });
  }
}

type ScriptArg = string | number | Buffer;

/** Queues a script on a pipeline (its reply comes from execPipeline). */
export function queueScript(pipeline: ChainableCommander, name: StateScript, keys: readonly string[], args: readonly ScriptArg[], reply: ReplyKind = 'text'): void {
  invoke(pipeline, name, keys, args, reply);
}

/** Runs a script now; resolves with its raw reply. */
export function runScript(redis: StateRedis, name: StateScript, keys: readonly string[], args: readonly ScriptArg[], reply: ReplyKind = 'text'): Promise<unknown> {
  return invoke(redis, name, keys, args, reply) as Promise<unknown>;
}

function invoke(target: object, name: StateScript, keys: readonly string[], args: readonly ScriptArg[], reply: ReplyKind): unknown {
  // defineCommand adds methods ioredis cannot type; look them up by name.
  const fn = (target as Record<string, unknown>)[reply === 'bytes' ? `${name}Buffer` : name];
  if (typeof fn !== 'function') {
    throw storeUnavailable(`script ${name}`, undefined);
  }
  return (fn as (...a: ScriptArg[]) => unknown).call(target, ...keys, ...args);
}
