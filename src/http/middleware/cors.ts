import type { RequestHandler } from 'express';

const ALLOW_METHODS = 'GET, HEAD, POST, OPTIONS';
const DEFAULT_ALLOW_HEADERS = 'Content-Type, Range, X-Request-Id';
export const EXPOSE_HEADERS = 'X-Request-Id, Content-Length';
// Header names only, so echoing the preflight's list cannot inject anything.
const HEADER_LIST = /^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/;

/**
 * CORS for the player routes: players run in browsers on any origin (web players, CTV
 * HTML apps) and send no credentials, so `*` is right. OPTIONS preflights are answered
 * here with 204. The control plane does not use this: it is not for cross-origin pages.
 */
export function playerCors(): RequestHandler {
  return (req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    const requested = req.get('Access-Control-Request-Headers');
    res.set('Access-Control-Allow-Methods', ALLOW_METHODS);
    res.set('Access-Control-Allow-Headers', requested !== undefined && HEADER_LIST.test(requested) ? requested : DEFAULT_ALLOW_HEADERS);
    res.set('Access-Control-Max-Age', '86400');
    res.status(204).end();
  };
}
