/**
 * Fills VAST tracking-URL macros for a server-side beacon (VAST 4.1 §6, "Macros").
 *
 * - Both spellings are accepted: `[MACRO]` and `%%MACRO%%` (as ad servers and the
 *   dailymotion vast-client do).
 * - Values are percent-encoded (RFC 3986: `encodeURIComponent` plus `!'()*`).
 * - A macro the spec defines but we have no value for becomes `-1` ("unknown"), as the
 *   spec asks; a name the spec does not define is left as it is, because it may be an ad
 *   server's own placeholder that something downstream fills.
 * - [CACHEBUSTING] is 8 digits derived from the beacon id, not random: a retry must send
 *   the very same URL, or receivers could not tell a retry from a second impression.
 * - [SERVERSIDE] is 1: "the request is made by a server on behalf of the client, with
 *   client details in headers or macros" (2 would mean no client details at all).
 */
import { createHash } from 'node:crypto';
import type { BeaconJob, BreakPosition } from './beacon-job.js';

/** Macro names VAST 4.1/4.2 defines (the set vast-client also treats as known). */
export const VAST_MACROS: ReadonlySet<string> = new Set([
  'ADCATEGORIES', 'ADCOUNT', 'ADPLAYHEAD', 'ADSERVINGID', 'ADTYPE', 'APIFRAMEWORKS', 'APPBUNDLE', 'ASSETURI',
  'BLOCKEDADCATEGORIES', 'BREAKMAXADLENGTH', 'BREAKMAXADS', 'BREAKMAXDURATION', 'BREAKMINADLENGTH',
  'BREAKMINDURATION', 'BREAKPOSITION', 'CACHEBUSTING', 'CLICKPOS', 'CLICKTYPE', 'CLIENTUA', 'CONTENTID',
  'CONTENTPLAYHEAD', 'CONTENTURI', 'DEVICEIP', 'DEVICEUA', 'DOMAIN', 'ERRORCODE', 'EXTENSIONS', 'GDPRCONSENT',
  'IFA', 'IFATYPE', 'INVENTORYSTATE', 'LATLONG', 'LIMITADTRACKING', 'MEDIAMIME', 'MEDIAPLAYHEAD', 'OMIDPARTNER',
  'PAGEURL', 'PLACEMENTTYPE', 'PLAYERCAPABILITIES', 'PLAYERSIZE', 'PLAYERSTATE', 'PODSEQUENCE', 'REASON',
  'REGULATIONS', 'SERVERSIDE', 'SERVERUA', 'TIMESTAMP', 'TRANSACTIONID', 'UNIVERSALADID', 'VASTVERSIONS',
  'VERIFICATIONVENDORS',
]);

const BREAK_POSITION: Record<BreakPosition, number> = { preroll: 1, midroll: 2, postroll: 3, standalone: 4 };

/**
 * The value we know for one macro of one beacon (unencoded), or undefined. Asked per macro
 * in the URL: most tracking URLs carry a few macros or none, and a value can cost a hash
 * ([CACHEBUSTING]) or a date ([TIMESTAMP]).
 */
function macroValue(name: string, job: BeaconJob, serverUserAgent: string): string | undefined {
  const c = job.context;
  switch (name) {
    case 'TIMESTAMP': return new Date(job.firedAtMs).toISOString();
    case 'CACHEBUSTING': return cacheBuster(job.id);
    case 'SERVERSIDE': return '1';
    case 'DEVICEIP': return job.viewer.ip;
    // On a CTV device the player app's UA is the only client identification we get.
    case 'DEVICEUA': case 'CLIENTUA': return job.viewer.userAgent;
    case 'SERVERUA': return serverUserAgent;
    case 'ADPLAYHEAD': return formatPlayhead(c.adPlayheadMs);
    case 'MEDIAPLAYHEAD': case 'CONTENTPLAYHEAD': return formatPlayhead(c.mediaPlayheadMs);
    case 'BREAKPOSITION': return String(BREAK_POSITION[c.breakPosition]);
    case 'PODSEQUENCE': return String(c.podSequence);
    case 'ADCOUNT': return String(c.adCount);
    case 'ERRORCODE': return c.errorCode === undefined ? undefined : String(c.errorCode);
    case 'UNIVERSALADID': return c.universalAdId;
    default: return undefined;
  }
}

const MACRO = /\[([A-Za-z_][A-Za-z0-9_.]*)\]|%%([A-Za-z_][A-Za-z0-9_.]*)%%/g;

/** The URL to send: every known macro filled, encoded; see the module comment for the rest. */
export function fillMacros(template: string, values: Readonly<Record<string, string>>): string {
  // Own keys only: a URL's [constructor] is not Object's.
  return fillWith(template, (name) => (Object.hasOwn(values, name) ? values[name] : undefined));
}

export function fillBeaconUrl(job: BeaconJob, serverUserAgent: string): string {
  return fillWith(job.url, (name) => macroValue(name, job, serverUserAgent));
}

function fillWith(template: string, valueOf: (name: string) => string | undefined): string {
  return template.replace(MACRO, (whole, bracket: string | undefined, percent: string | undefined) => {
    const name = bracket ?? percent ?? '';
    const value = valueOf(name);
    if (value !== undefined) return encodeRfc3986(value);
    return VAST_MACROS.has(name) ? '-1' : whole;
  });
}

/** 8 digits, stable for one beacon id. */
export function cacheBuster(id: string): string {
  const n = createHash('sha256').update(id).digest().readUInt32BE(0) % 100_000_000;
  return String(n).padStart(8, '0');
}

/** VAST time format HH:MM:SS.mmm; negative or non-finite values are unknown (-1 is the caller's choice). */
export function formatPlayhead(ms: number): string {
  const total = Math.max(0, Math.round(Number.isFinite(ms) ? ms : 0));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const milli = total % 1000;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(milli, 3)}`;
}

export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
