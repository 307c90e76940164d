/**
 * Lua scripts of the state layer. Each reads and writes only keys of one session (one
 * hash tag, one Cluster slot) and is atomic, which is what makes touch, markOnce and the
 * decision claim/commit safe across service instances. The one exception, the beacon
 * ledger's write, takes many sessions' keys and is only sent to a standalone server.
 * ioredis sends EVAL the first time per connection and EVALSHA after, inside pipelines
 * too, so a script costs no extra round-trip.
 */
import type { ChainableCommander } from 'ioredis';
import type { StateRedis } from './redis-client.js';
import { MAX_CHUNKS } from './stored-chunks.js';
import { storeUnavailable } from './store-errors.js';

/**
 * Chunked values (stored-chunks.ts). From ARGV[at]: the number n of fields to set, n
 * field/piece pairs, then the value's other chunk fields. chunk_names gives all the names
 * in order, put_chunks sets the pieces and deletes the rest, read_chunks joins the pieces of
 * the named fields up to the first missing one (false when the first is missing), as
 * join_pieces does for a run of HMGET replies.
 */
const CHUNKS_LUA = `
local function chunk_names(at)
  local n = tonumber(ARGV[at])
  local names = {}
  for i = 1, n do names[i] = ARGV[at + 2 * i - 1] end
  for i = at + 2 * n + 1, #ARGV do names[#names + 1] = ARGV[i] end
  return names
end
local function put_chunks(key, at)
  local n = tonumber(ARGV[at])
  local set = {}
  for i = at + 1, at + 2 * n do set[#set + 1] = ARGV[i] end
  redis.call('HSET', key, unpack(set))
  local stale = {}
  for i = at + 2 * n + 1, #ARGV do stale[#stale + 1] = ARGV[i] end
  if #stale > 0 then redis.call('HDEL', key, unpack(stale)) end
end
local function join_pieces(parts, first, last)
  local out = {}
  for i = first, last do
    if not parts[i] then break end
    out[#out + 1] = parts[i]
  end
  if #out == 0 then return false end
  return table.concat(out)
end
local function read_chunks(key, names)
  local parts = redis.call('HMGET', key, unpack(names))
  return join_pieces(parts, 1, #parts)
end
`;

/** interludeStateTouch's body as a function: true when the session exists (its TTL restarted). */
const TOUCH_LUA = `
local function touch(ttl_arg)
  local stored = redis.call('HGET', KEYS[1], 's')
  if not stored then return false end
  local ttl = tonumber(ttl_arg)
  if ttl == nil then ttl = tonumber(string.match(stored, '^(%d+)|')) end
  if ttl == nil then return false end
  redis.call('PEXPIRE', KEYS[1], ttl)
  local left = redis.call('PTTL', KEYS[2])
  if left >= 0 and left < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
  return true
end
`;

const SCRIPTS = {
  /**
   * KEYS: state, once. ARGV: ttlMs or '' (use the TTL stored in front of the session field,
   * `<ttlMs>|<packed json>`: the first chunk, stored-chunks.ts, always holds it).
   * Sets the state hash's expiry to ttl from now; extends the once set to at least ttl.
   * Returns 1, or 0 when the session does not exist.
   */
  interludeStateTouch: {
    numberOfKeys: 2,
    lua: `${TOUCH_LUA}
if touch(ARGV[1]) then return 1 end
return 0`,
  },
  /**
   * KEYS: state, once. ARGV: ttlMs or '' (as interludeStateTouch), then the fields of the
   * values to read (`s`, `l:<group>`, `d:<break>`). A refresh's or a redirect's touch
   * and read as one command, each value's chunks joined here: {1, value or nil…}, or {0} when the
   * session does not exist. One reply element per value, not one per possible chunk.
   */
  interludeStateTouchRead: {
    numberOfKeys: 2,
    lua: `${TOUCH_LUA}${CHUNKS_LUA}
if not touch(ARGV[1]) then return {0} end
local n = ${MAX_CHUNKS}
local names = {}
for a = 2, #ARGV do
  local f = ARGV[a]
  names[#names + 1] = f
  for i = 1, n - 1 do names[#names + 1] = string.sub(f, 1, 1) .. i .. string.sub(f, 2) end
end
local parts = redis.call('HMGET', KEYS[1], unpack(names))
local out = {1}
for v = 0, #ARGV - 2 do out[#out + 1] = join_pieces(parts, v * n + 1, v * n + n) end
return out`,
  },
  /** KEYS: state. ARGV: ttlMs, the session value's chunks. The session (re)starts its idle TTL. */
  interludeStateCreate: {
    numberOfKeys: 1,
    lua: `${CHUNKS_LUA}
put_chunks(KEYS[1], 2)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`,
  },
  /** KEYS: state. ARGV: the live state's chunks. 0 (nothing stored) when the session does not exist. */
  interludeStatePutLive: {
    numberOfKeys: 1,
    lua: `${CHUNKS_LUA}
if redis.call('HEXISTS', KEYS[1], 's') == 0 then return 0 end
put_chunks(KEYS[1], 1)
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
   * KEYS: state, lock. ARGV: token, lockTtlMs, the decision's chunk fields (its own first).
   * {1, pod} when decided already; {2, ''} when this caller now holds the lock; {0, ''}
   * when someone else holds it.
   */
  interludeDecisionClaim: {
    numberOfKeys: 2,
    lua: `${CHUNKS_LUA}
local names = {}
for i = 3, #ARGV do names[#names + 1] = ARGV[i] end
local v = read_chunks(KEYS[1], names)
if v then return {1, v} end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2, ''} end
return {0, ''}`,
  },
  /**
   * KEYS: state, lock. ARGV: ttlMs, token, the packed record's chunks.
   * First writer wins (nothing is written when the decision's field exists): a decider whose
   * lock expired mid-decision cannot overwrite the pod someone else stored. Releases the
   * lock if still ours; returns the stored record.
   */
  interludeDecisionCommit: {
    numberOfKeys: 2,
    lua: `${CHUNKS_LUA}
local names = chunk_names(3)
if redis.call('HEXISTS', KEYS[1], names[1]) == 0 then put_chunks(KEYS[1], 3) end
local ttl = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('DEL', KEYS[2]) end
return read_chunks(KEYS[1], names)`,
  },
  /** KEYS: lock. ARGV: token. Deletes the lock only if this caller still holds it. */
  interludeDecisionRelease: {
    numberOfKeys: 1,
    lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  },
  /**
   * KEYS: beacon ledger hashes, any number. ARGV: ttlMs, then per entry: its key's index in
   * KEYS, '1' to write only if absent (HSETNX) or '0' to overwrite, field, value. Every key
   * gets the TTL once. A turn's ledger writes as one command instead of two per beacon.
   */
  interludeLedgerWrite: {
    numberOfKeys: null,
    lua: `
for i = 2, #ARGV, 4 do
  local key = KEYS[tonumber(ARGV[i])]
  if ARGV[i + 1] == '1' then redis.call('HSETNX', key, ARGV[i + 2], ARGV[i + 3])
  else redis.call('HSET', key, ARGV[i + 2], ARGV[i + 3]) end
end
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ARGV[1]) end
return #KEYS`,
  },
} as const satisfies Record<string, { readonly numberOfKeys: number | null; readonly lua: string }>;

export type StateScript = keyof typeof SCRIPTS;

/**
 * `text`: string replies; `bytes`: Buffer replies (ioredis' `<name>Buffer` twin of every
 * command), for scripts that return packed values.
 */
export type ReplyKind = 'text' | 'bytes';

/** Idempotent: defines the scripts as commands on the client (and its pipelines). */
export function installStateScripts(redis: StateRedis): void {
  for (const [name, def] of Object.entries(SCRIPTS)) {
    // numberOfKeys null: the caller's keys, counted by invoke.
    redis.defineCommand(name, def.numberOfKeys === null ? { lua: def.lua } : { numberOfKeys: def.numberOfKeys, lua: def.lua });
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
  const call = fn as (...a: ScriptArg[]) => unknown;
  return SCRIPTS[name].numberOfKeys === null ? call.call(target, keys.length, ...keys, ...args) : call.call(target, ...keys, ...args);
}
