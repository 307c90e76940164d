import { createHash } from 'node:crypto';
import type { Break } from '../../manifests/index.js';
import type { Session } from '../sessions/session.js';
import type { AvailContext } from './ad-source.js';

/**
 * Fills an ad request URL template's dynamic variables, MediaTailor style: `[name]`
 * tokens, each value URL-encoded (RFC 3986). A variable with no value, or a name we do not
 * know, becomes the empty string: MediaTailor leaves `[session.referer]` empty when the
 * player sent no Referer and `[scte.*]` empty when the cue has no such field, and ad servers
 * expect a present-but-empty parameter rather than a literal `[…]` in the query.
 *
 * Variables: session.id, session.uuid, session.avail_duration_secs, session.avail_duration_ms,
 * session.avail_num, session.client_ip, session.user_agent, session.referer,
 * player_params.NAME, scte.segmentation_upid, scte.segmentation_event_id, scte.event_id,
 * avail.index, avail.random, CACHEBUSTING, TIMESTAMP.
 */
export interface MacroContext {
  readonly brk: Break;
  readonly session: Session;
  readonly avail: AvailContext;
  /** Used for `[session.avail_duration_*]` when the break is open (no duration yet). */
  readonly defaultAvailDurationMs: number;
  /** Epoch ms for `[TIMESTAMP]`. */
  readonly nowMs: number;
  /** A number in [0, 1) for `[CACHEBUSTING]`; injected so tests are deterministic. */
  readonly random: () => number;
}

const TOKEN = /\[([A-Za-z0-9_.-]+)\]/g;

export function fillUrlTemplate(template: string, ctx: MacroContext): string {
  return template.replace(TOKEN, (_whole, name: string) => encodeRfc3986(macroValue(name, ctx) ?? ''));
}

/** The raw (unencoded) value of one variable, or undefined when it has none. */
export function macroValue(name: string, ctx: MacroContext): string | undefined {
  const { brk, session, avail } = ctx;
  if (name.startsWith('player_params.')) return session.playerParams[name.slice('player_params.'.length)];
  switch (name) {
    case 'session.id': return session.id;
    case 'session.uuid': return sessionUuid(session.id);
    case 'session.avail_duration_ms': return String(availDurationMs(brk, ctx.defaultAvailDurationMs));
    case 'session.avail_duration_secs': return String(Math.round(availDurationMs(brk, ctx.defaultAvailDurationMs) / 1000));
    case 'session.avail_num': return String(avail.availNum);
    case 'session.client_ip': return session.clientIp;
    case 'session.user_agent': return session.userAgent;
    case 'session.referer': return session.referer;
    case 'scte.segmentation_upid': return brk.scte35?.segmentationUpid;
    case 'scte.segmentation_event_id': return optionalNumber(brk.scte35?.segmentationEventId);
    case 'scte.event_id': return optionalNumber(brk.scte35?.spliceEventId);
    case 'avail.index': return String(avail.availIndex);
    case 'avail.random': return String(availRandom(session.id, brk.id));
    case 'CACHEBUSTING': return String(Math.floor(ctx.random() * 1e8)).padStart(8, '0');
    case 'TIMESTAMP': return new Date(ctx.nowMs).toISOString();
    default: return undefined;
  }
}

/** Break duration in ms; an open break (or a zero one) uses the default, as MediaTailor does. */
export function availDurationMs(brk: Break, defaultMs: number): number {
  return brk.durationUs !== null && brk.durationUs > 0 ? Math.round(brk.durationUs / 1000) : defaultMs;
}

/**
 * 0 … 10,000,000,000 (MediaTailor's range), derived from (session, break) so that every
 * refresh and every instance asks the ad server the same question for the same break.
 */
export function availRandom(sessionId: string, breakId: string): number {
  const digest = createHash('sha256').update(`${sessionId}\u0000${breakId}`).digest();
  return Number(digest.readBigUInt64BE(0) % 10_000_000_001n);
}

/** The session id when it already is a UUID; otherwise a stable name-based UUID (v5 layout). */
export function sessionUuid(sessionId: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)) return sessionId.toLowerCase();
  const h = createHash('sha1').update(`interlude-session:${sessionId}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function optionalNumber(n: number | undefined): string | undefined {
  return n === undefined ? undefined : String(n);
}

function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
