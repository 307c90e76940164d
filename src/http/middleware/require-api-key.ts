import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { interludeError } from '../../errors/index.js';

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * `Authorization: Bearer <key>` or 401 AUTH_REQUIRED. Both sides are hashed first so the
 * comparison is constant-time whatever the lengths (timingSafeEqual needs equal lengths).
 */
export function requireApiKey(apiKey: string): RequestHandler {
  const expected = digest(apiKey);
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '');
    const given = match?.[1];
    if (given !== undefined && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="interlude"');
    throw interludeError('AUTH_REQUIRED', 'This API needs "Authorization: Bearer <api key>".');
  };
}
