import { FetchError } from './fetch-error.js';

/**
 * Checks a URL we are about to fetch on behalf of a player or a config: http(s) only, no
 * user:password (it would leak into logs and to redirect targets), no empty host. Private
 * and loopback addresses are allowed on purpose: the demo and the tests serve from
 * 127.0.0.1, and operators put ad servers on private networks.
 *
 * The parsed URL when it may be fetched (hand it on: parsing is most of the check's cost),
 * or the reason it is refused.
 */
export type UrlCheck = { readonly url: URL; readonly reason?: undefined } | { readonly url?: undefined; readonly reason: string };

export function checkUrl(raw: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { reason: `scheme ${url.protocol.replace(/:$/, '')} is not allowed (http and https only)` };
  }
  if (url.username !== '' || url.password !== '') return { reason: 'credentials in the URL are not allowed' };
  if (url.hostname === '') return { reason: 'no host' };
  return { url };
}

/** The reason the URL is refused, undefined when it may be fetched. */
export function urlRejection(raw: string): string | undefined {
  return checkUrl(raw).reason;
}

/** The parsed URL, or a FETCH_URL_REJECTED error naming the reason. */
export function guardUrl(raw: string, kind?: string): URL {
  const checked = checkUrl(raw);
  if (checked.reason !== undefined) {
    throw new FetchError('FETCH_URL_REJECTED', `URL rejected: ${checked.reason}`, { url: redactUrl(raw), kind });
  }
  return checked.url;
}

/** The URL without credentials and query, for logs: ad request URLs carry viewer data. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
