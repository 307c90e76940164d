/**
 * The values of a session's Redis hash (state-keys.ts) and what they stand for: each is the
 * state codec's JSON, packed (packed-json.ts); the stores split them over chunk fields
 * (stored-chunks.ts) and hand these functions the joined bytes. Shared by RedisSessionStore and
 * RedisDecisionStore, which write and read the same hash. Errors name the value by its
 * logical key and field, e.g. `s:{id}:h.d`.
 */
import { LruCache } from '../manifest-service/lru-cache.js';
import { packJson, unpackJson } from './packed-json.js';
import type { Session } from './session.js';
import { decodeDecision, decodeLiveState, decodeSession, encodeDecision, encodeLiveState, encodeSession, type DecisionRecord } from './state-codec.js';
import { SESSION_FIELD, sessionKeys } from './state-keys.js';
import { storeCorrupt } from './store-errors.js';

const BAR = 0x7c;

/**
 * Decoded values by their stored bytes. Every request of a player reads its session and
 * the break's decision again, byte for byte the same, and inflating and parsing them each
 * time was about a tenth of a segment redirect's CPU. The values are shared, as the
 * embedded store shares its own: callers never mutate them. Equal decisions (one pod for
 * many viewers) share one entry.
 */
const DECODED_ENTRIES = 4096;
const decodedSessions = new LruCache<Session>(DECODED_ENTRIES);
const decodedDecisions = new LruCache<DecisionRecord>(DECODED_ENTRIES);

/** `<ttl ms>|<packed session>`: the touch script reads the TTL in front without unpacking. */
export function sessionValue(session: Session, ttlMs: number): Buffer {
  return Buffer.concat([Buffer.from(`${ttlMs}|`, 'latin1'), packJson(encodeSession(session))]);
}

/** Splits `<ttl>|<packed json>`; a value without the TTL is corrupt. */
export function readSession(id: string, stored: Buffer): Session {
  const cacheKey = `${id}\u0000${stored.toString('latin1')}`;
  const hit = decodedSessions.get(cacheKey);
  if (hit !== undefined) return hit;
  const key = fieldName(id, SESSION_FIELD);
  const bar = stored.indexOf(BAR);
  if (bar < 1) throw storeCorrupt('sessions', key);
  const session = decodeSession(id, unpackJson(stored.subarray(bar + 1), 'sessions', key), key);
  decodedSessions.set(cacheKey, session);
  return session;
}

/** INTERNAL (a caller bug) for a value JSON cannot carry. */
export function packLiveState(state: unknown): Buffer {
  return packJson(encodeLiveState(state));
}

export function readLiveState<T>(sessionId: string, stored: Buffer): T {
  const key = fieldName(sessionId, 'l');
  return decodeLiveState<T>(unpackJson(stored, 'live-state', key), key);
}

export function packDecision(record: DecisionRecord): Buffer {
  return packJson(encodeDecision(record));
}

/** The decision stored under `breakId` (its field is `d:<breakId>`). */
export function readDecision(sessionId: string, breakId: string, stored: Buffer): DecisionRecord {
  const cacheKey = `${breakId}\u0000${stored.toString('latin1')}`;
  const hit = decodedDecisions.get(cacheKey);
  if (hit !== undefined) return hit;
  const key = fieldName(sessionId, 'd');
  const record = decodeDecision(unpackJson(stored, 'decisions', key), breakId, key);
  decodedDecisions.set(cacheKey, record);
  return record;
}

function fieldName(sessionId: string, field: string): string {
  return `${sessionKeys('', sessionId).state}.${field}`;
}
