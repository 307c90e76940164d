/**
 * Compact encodings of stored state. A session is a few hundred bytes of short-keyed JSON
 * (its id lives in the key, not the value) so that 10,000 live sessions stay small in
 * Redis; decisions keep the pod as-is plus the time it was made.
 *
 * Decoders check shape and throw STORE_CORRUPT rather than hand a half-valid object to
 * the splice engine. `key` (logical, unprefixed) only names the record in the error.
 */
import type { Pod, PodAd } from '../../manifests/index.js';
import type { Session } from './session.js';
import { notJsonSerialisable, storeCorrupt } from './store-errors.js';

/** A pod as stored for one (session, break), with when it was decided (epoch ms). */
export interface DecisionRecord {
  readonly pod: Pod;
  readonly decidedAtMs: number;
}

interface CompactSession {
  c: string;
  o: string;
  f: 'h' | 'd';
  p: Record<string, string>;
  i: string;
  u: string;
  r?: string;
  m: 's' | 'c';
  t: number;
  v?: string;
}

export function encodeSession(s: Session): string {
  const compact: CompactSession = {
    c: s.channelId,
    o: s.originPath,
    f: s.format === 'hls' ? 'h' : 'd',
    p: { ...s.playerParams },
    i: s.clientIp,
    u: s.userAgent,
    m: s.reportingMode === 'server' ? 's' : 'c',
    t: s.createdAtMs,
  };
  if (s.referer !== undefined) compact.r = s.referer;
  if (s.renditions !== undefined) compact.v = s.renditions;
  return JSON.stringify(compact);
}

export function decodeSession(id: string, text: string, key = `s:{${id}}`): Session {
  const v = parseObject(text, 'sessions', key);
  const params = v.p;
  if (
    typeof v.c !== 'string' || typeof v.o !== 'string' || (v.f !== 'h' && v.f !== 'd') ||
    !isStringRecord(params) || typeof v.i !== 'string' || typeof v.u !== 'string' ||
    (v.r !== undefined && typeof v.r !== 'string') || (v.m !== 's' && v.m !== 'c') ||
    typeof v.t !== 'number' || (v.v !== undefined && typeof v.v !== 'string')
  ) {
    throw storeCorrupt('sessions', key);
  }
  const session: Session = {
    id,
    channelId: v.c,
    originPath: v.o,
    format: v.f === 'h' ? 'hls' : 'dash',
    playerParams: params,
    clientIp: v.i,
    userAgent: v.u,
    reportingMode: v.m === 's' ? 'server' : 'client',
    createdAtMs: v.t,
    ...(typeof v.r === 'string' ? { referer: v.r } : {}),
    ...(typeof v.v === 'string' ? { renditions: v.v } : {}),
  };
  return session;
}

/**
 * A decision's part of PlaylistState.version: a (session, break) is decided once, so its
 * break id and decision time name it; `\u0000` cannot occur in stored JSON text.
 */
export function decisionStamp(breakId: string, record: DecisionRecord): string {
  return `\u0000${breakId}@${record.decidedAtMs}`;
}

/**
 * A decision is stored under its break's id, so the pod's `breakId` is left out, and so is
 * `filledUs` (the sum of its ads' durations): both come back on decode. So are an ad's `id`
 * and `sequence` when they are what its slot makes them (`<adId>-<n>` and n, n from 1, as
 * pod-fit.ts and the OpenRTB source number them): every byte counts towards keeping a
 * session's Redis hash compact (stored-chunks.ts).
 */
export function encodeDecision(record: DecisionRecord): string {
  const { breakId: _break, filledUs: _filled, ...rest } = record.pod;
  // `ads` keeps its place among the pod's keys: the dictionary knows them in that order.
  return JSON.stringify({ a: record.decidedAtMs, p: { ...rest, ads: rest.ads.map(withoutSlotNumbers) } });
}

function withoutSlotNumbers(ad: PodAd, i: number): Partial<PodAd> {
  if (ad.sequence !== i + 1 || ad.id !== `${ad.adId}-${i + 1}`) return ad;
  const { id: _id, sequence: _sequence, ...rest } = ad;
  return rest;
}

/** An ad stored without `id` and `sequence` gets back the ones of its slot (i from 0). */
function withSlotNumbers(ad: unknown, i: number): unknown {
  if (typeof ad !== 'object' || ad === null || 'id' in ad || 'sequence' in ad) return ad;
  const adId = (ad as { adId?: unknown }).adId;
  return typeof adId === 'string' ? { ...ad, id: `${adId}-${i + 1}`, sequence: i + 1 } : ad;
}

/** `breakId`: the break the record is stored under (records written before it was left out carry it). */
export function decodeDecision(text: string, breakId: string, key = 'decision'): DecisionRecord {
  const v = parseObject(text, 'decisions', key);
  const raw = v.p;
  if (typeof v.a !== 'number' || typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw storeCorrupt('decisions', key);
  const stored = raw as Record<string, unknown>;
  const ads = Array.isArray(stored.ads) ? (stored.ads as unknown[]).map(withSlotNumbers) as { durationUs?: unknown }[] : undefined;
  const filledUs = stored.filledUs ?? ads?.reduce((sum, ad) => sum + (typeof ad.durationUs === 'number' ? ad.durationUs : Number.NaN), 0);
  const pod: unknown = { ...stored, ...(ads === undefined ? {} : { ads }), breakId: stored.breakId ?? breakId, filledUs };
  if (!isPodShaped(pod) || Number.isNaN(pod.filledUs)) throw storeCorrupt('decisions', key);
  return { pod, decidedAtMs: v.a };
}

/** JSON text of a live splice state; rejects values JSON cannot carry. */
export function encodeLiveState(state: unknown): string {
  const text = JSON.stringify(state) as string | undefined;
  if (text === undefined) throw notJsonSerialisable();
  return text;
}

export function decodeLiveState<T>(text: string, key = 'live'): T {
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw storeCorrupt('live-state', key, cause);
  }
}

function parseObject(text: string, store: string, key: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (cause) {
    throw storeCorrupt(store, key, cause);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw storeCorrupt(store, key);
  return v as Record<string, unknown>;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) &&
    Object.values(v).every((x) => typeof x === 'string');
}

function isPodShaped(v: unknown): v is Pod {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return typeof p.breakId === 'string' && typeof p.source === 'string' && Array.isArray(p.ads) &&
    typeof p.filledUs === 'number' && Array.isArray(p.notes);
}
