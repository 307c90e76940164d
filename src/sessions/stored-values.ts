/**
 * The values of a session's Redis hash (state-keys.ts) and what they stand for: each is the
 * state codec's JSON, packed (packed-json.ts); the stores split them over chunk fields
 * (stored-chunks.ts) and hand these functions the joined bytes. Shared by RedisSessionStore and
 * RedisDecisionStore, which write and read the same hash. Errors name the value by its
 * logical key and field, e.g. `s:{id}:h.d`.
 */
import { packJson, unpackJson } from './packed-json.js';
import type { Session } from './session.js';
import { decodeDecision, decodeLiveState, decodeSession, encodeDecision, encodeLiveState, encodeSession, type DecisionRecord } from './state-codec.js';
import { SESSION_FIELD, sessionKeys } from './state-keys.js';
import { storeCorrupt } from './store-errors.js';

const BAR = 0x7c;

/** `<ttl ms>|<packed session>`: the touch script reads the TTL in front without unpacking. */
export function sessionValue(session: Session, ttlMs: number): Buffer {
  return Buffer.concat([Buffer.from(`${ttlMs}|`, 'latin1'), packJson(encodeSession(session))]);
}

/** Splits `<ttl>|<packed json>`; a value without the TTL is corrupt. */
export function readSession(id: string, stored: Buffer): Session {
  const key = fieldName(id, SESSION_FIELD);
  const bar = stored.indexOf(BAR);
  if (bar < 1) throw storeCorrupt('sessions', key);
  return decodeSession(id, unpackJson(stored.subarray(bar + 1), 'sessions', key), key);
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
  const key = fieldName(sessionId, 'd');
  return decodeDecision(unpackJson(stored, 'decisions', key), breakId, key);
}

function fieldName(sessionId: string, field: string): string {
  return `${sessionKeys('', sessionId).state}.${field}`;
}
