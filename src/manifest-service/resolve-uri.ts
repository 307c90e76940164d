/**
 * Resolves the URIs of one origin playlist against the URL that answered it. A 1,800-segment
 * VOD has 1,800 segment URIs, and `new URL()` per URI cost ~3 ms per request; the common
 * case (a plain relative path such as `seg-17.ts` or `720p/seg-17.ts`) is the base's
 * directory + the URI, which is what the WHATWG parser gives for it. Anything else (schemes,
 * `/`-rooted, `..` / `.` segments, queries, fragments, characters the parser would encode)
 * goes through `new URL`.
 */

/** Only characters the WHATWG path parser copies unchanged, no leading '/', no ':'. */
const PLAIN_RELATIVE = /^[A-Za-z0-9_~-][A-Za-z0-9._~/-]*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/** `uri` resolved against `base` the way `new URL(uri, base).href` does; `uri` itself when that throws. */
export type UriResolver = (uri: string) => string;

export function uriResolver(base: string): UriResolver {
  const directory = directoryOf(base);
  const slow = (uri: string): string => {
    try {
      return new URL(uri, base).href;
    } catch {
      return uri;
    }
  };
  if (directory === undefined) return slow;
  return (uri) => (PLAIN_RELATIVE.test(uri) && !DOT_SEGMENT.test(uri) ? directory + uri : slow(uri));
}

/** The base's href up to its last path '/', for http(s) bases; undefined otherwise. */
function directoryOf(base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.search = '';
  url.hash = '';
  const href = url.href;
  return href.slice(0, href.lastIndexOf('/') + 1);
}
