/**
 * Request headers of a server-side beacon, per the IAB's guidance for SSAI (VAST 4.x
 * "Server-Side Ad Insertion" and the IAB Tech Lab SSAI best practices): the server
 * identifies itself in User-Agent and forwards the viewer's IP and user agent, so the
 * measurement vendor counts the viewer, not our data centre.
 *
 * X-Request-Id carries the beacon id: the same on every retry and after a worker crash,
 * so a receiver that dedupes on it sees each beacon once.
 */
import type { BeaconJob } from './beacon-job.js';

/** `Interlude/<version> (+server-side)`: SERVERUA and the User-Agent header. */
export function serverUserAgent(version: string): string {
  return `Interlude/${version} (+server-side)`;
}

export function beaconHeaders(job: BeaconJob, userAgent: string): Record<string, string> {
  const ip = headerSafe(job.viewer.ip);
  const ua = headerSafe(job.viewer.userAgent);
  // No viewer (an auction notice without a session): server headers only, no empty values.
  return {
    'user-agent': headerSafe(userAgent),
    ...(ip === '' ? {} : { 'x-device-ip': ip, 'x-forwarded-for': ip }),
    ...(ua === '' ? {} : { 'x-device-user-agent': ua }),
    'x-request-id': job.id,
  };
}

const HEADER_PLAIN = /^[\t\x20-\x7e]*$/;

/**
 * A header value HTTP can carry: visible ASCII, spaces and tabs. A user agent with other
 * characters (some devices send UTF-8) would make the request fail outright.
 */
export function headerSafe(value: string): string {
  // Nearly every value is plain already: one scan, no copy (three per beacon sent).
  if (HEADER_PLAIN.test(value)) return value.trim().slice(0, 1024);
  // Control characters (CR/LF: header injection) go; other non-ASCII becomes '?'.
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0x09 || (code >= 0x20 && code <= 0x7e)) out += ch;
    else if (code > 0x7f) out += '?';
  }
  return out.trim().slice(0, 1024);
}
